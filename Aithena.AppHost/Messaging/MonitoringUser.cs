using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aithena.AppHost.Messaging;

/// <summary>
/// The read-only broker user of the web app's status page (queue depths and consumers, through the management API):
/// the <c>monitoring</c> tag, and on the vhost the permissions <c>^$ ^$ ^$</c>, which match no exchange or queue. The
/// management API refuses a vhost to a user with no permission entry there at all; with this one it shows the
/// figures, while the user can declare, publish and consume nothing (taking a message is refused). The AppHost
/// creates it (or sets its password again) as soon as the broker is ready, for the container broker as for the local
/// one; a deployment creates it with <c>rabbitmqctl add_user</c>, <c>set_user_tags USER monitoring</c> and
/// <c>set_permissions -p VHOST USER '^$' '^$' '^$'</c> (README, "Broker users").
/// </summary>
internal static class MonitoringUser
{
    public static IResourceBuilder<T> WithMonitoringUser<T>(this IResourceBuilder<T> broker, EndpointReference management,
        IResourceBuilder<ParameterResource> adminUser, IResourceBuilder<ParameterResource> adminPassword,
        IResourceBuilder<ParameterResource> user, IResourceBuilder<ParameterResource> password, string virtualHost)
        where T : IResource
    {
        broker.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(broker.Resource, async (_, cancellationToken) =>
        {
            using var http = await BrokerManagementApi.CreateClientAsync(management, adminUser, adminPassword, cancellationToken);
            var name = await user.Resource.GetValueAsync(cancellationToken);
            using (var created = await http.PutAsJsonAsync($"/api/users/{Uri.EscapeDataString(name!)}",
                       new Dictionary<string, string> { ["password"] = (await password.Resource.GetValueAsync(cancellationToken))!, ["tags"] = "monitoring" },
                       cancellationToken))
            {
                created.EnsureSuccessStatusCode();
            }

            using var permitted = await http.PutAsJsonAsync($"/api/permissions/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(name!)}",
                new Dictionary<string, string> { ["configure"] = "^$", ["write"] = "^$", ["read"] = "^$" }, cancellationToken);
            permitted.EnsureSuccessStatusCode();
        });
        return broker;
    }
}
