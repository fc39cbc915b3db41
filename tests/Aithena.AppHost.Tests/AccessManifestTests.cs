using System.Text.Json;

namespace Aithena.AppHost.Tests;

/// <summary>Who may use a deployment, as the manifest describes it: secret parameters, sign-in required, the signing key for the Api only.</summary>
public sealed class AccessManifestTests
{
    [Fact]
    public async Task The_manifest_requires_sign_in_and_gives_the_token_key_and_admin_password_to_the_api_only()
    {
        var resources = (await ManifestTests.PublishAsync()).GetProperty("resources");

        foreach (var secret in new[] { "admin-password", "token-key", "health-key" })
        {
            var parameter = resources.GetProperty(secret);
            Assert.Equal("parameter.v0", parameter.GetProperty("type").GetString());
            Assert.True(parameter.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean(), $"{secret} is not secret");
        }

        foreach (var name in new[] { "api", "indexer", "embedder", "ocr", "lister", "web" })
        {
            var env = resources.GetProperty(name).GetProperty("env");
            Assert.Equal("None", env.GetProperty("Access__Anonymous").GetString());
            Assert.Equal("{health-key.value}", env.GetProperty("Access__HealthKey").GetString());
            var others = env.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String).ToList();
            Assert.Equal(name == "api", others.Any(e => e.Value.GetString()!.Contains("token-key", StringComparison.Ordinal)));
            Assert.Equal(name == "api", others.Any(e => e.Value.GetString()!.Contains("admin-password", StringComparison.Ordinal)));
        }

        Assert.Equal("{token-key.value}", resources.GetProperty("api").GetProperty("env").GetProperty("Access__TokenKey").GetString());
        Assert.Equal("{admin-password.value}", resources.GetProperty("api").GetProperty("env").GetProperty("Access__AdminPassword").GetString());
        Assert.False(string.IsNullOrEmpty(resources.GetProperty("web").GetProperty("env").GetProperty("AllowedHosts").GetString()));
    }
}
