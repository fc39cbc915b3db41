using System.Net.Http.Headers;
using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Aithena.AppHost.Messaging;

/// <summary>The broker's management API as the AppHost's administrator, for what it sets up once the broker is ready.</summary>
internal static class BrokerManagementApi
{
    public static async Task<HttpClient> CreateClientAsync(EndpointReference management, IResourceBuilder<ParameterResource> user,
        IResourceBuilder<ParameterResource> password, CancellationToken cancellationToken)
    {
        var credentials = $"{await user.Resource.GetValueAsync(cancellationToken)}:{await password.Resource.GetValueAsync(cancellationToken)}";
        var http = new HttpClient { BaseAddress = new Uri(management.Url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return http;
    }
}
