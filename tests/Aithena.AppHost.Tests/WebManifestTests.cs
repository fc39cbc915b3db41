using System.Text.Json;

namespace Aithena.AppHost.Tests;

/// <summary>The web app in the deployment manifest: public, given the Api's address and the read-only broker user, no service's broker secret.</summary>
public sealed class WebManifestTests
{
    [Fact]
    public async Task The_web_app_is_external_finds_the_api_by_service_discovery_and_gets_only_the_read_only_broker_user()
    {
        var resources = (await ManifestTests.PublishAsync()).GetProperty("resources");
        var web = resources.GetProperty("web");

        Assert.Equal("project.v0", web.GetProperty("type").GetString());
        Assert.Contains(web.GetProperty("bindings").EnumerateObject(), b => b.Value.TryGetProperty("external", out var e) && e.GetBoolean());
        var env = web.GetProperty("env");
        Assert.Contains(env.EnumerateObject(), e => e.Name.StartsWith("services__api__", StringComparison.Ordinal));
        Assert.False(env.TryGetProperty("ConnectionStrings__messaging", out _), "the web app never talks AMQP to the broker");
        Assert.DoesNotContain(env.EnumerateObject(), e => e.Value.ValueKind == JsonValueKind.String
            && e.Value.GetString()!.Contains("rabbit-password", StringComparison.Ordinal));

        // The status page's queue figures: the management API with the read-only user, from parameters of its own.
        Assert.Equal("{messaging-management.connectionString}", env.GetProperty("ConnectionStrings__messaging-management").GetString());
        var management = resources.GetProperty("messaging-management").GetProperty("connectionString").GetString()!;
        Assert.Equal("http://{rabbit-monitor-user-uri-encoded.value}:{rabbit-monitor-password-uri-encoded.value}@{messaging.bindings.management.host}:{messaging.bindings.management.port}/%2F", management);
        Assert.Equal("{rabbit-monitor-password.value}", resources.GetProperty("rabbit-monitor-password-uri-encoded").GetProperty("value").GetString());
        Assert.True(resources.GetProperty("rabbit-monitor-password").GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
    }
}
