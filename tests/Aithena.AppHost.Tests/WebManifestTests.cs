using System.Text.Json;

namespace Aithena.AppHost.Tests;

/// <summary>The web app in the deployment manifest: public, and given the Api's address but no broker secret.</summary>
public sealed class WebManifestTests
{
    [Fact]
    public async Task The_web_app_is_external_finds_the_api_by_service_discovery_and_gets_no_broker_credentials()
    {
        var web = (await ManifestTests.PublishAsync()).GetProperty("resources").GetProperty("web");

        Assert.Equal("project.v0", web.GetProperty("type").GetString());
        Assert.Contains(web.GetProperty("bindings").EnumerateObject(), b => b.Value.TryGetProperty("external", out var e) && e.GetBoolean());
        var env = web.GetProperty("env");
        Assert.Contains(env.EnumerateObject(), e => e.Name.StartsWith("services__api__", StringComparison.Ordinal));
        Assert.False(env.TryGetProperty("ConnectionStrings__messaging", out _), "the web app never talks to the broker");
        Assert.DoesNotContain(env.EnumerateObject(), e => e.Value.ValueKind == JsonValueKind.String
            && e.Value.GetString()!.Contains("rabbit-password", StringComparison.Ordinal));
    }
}
