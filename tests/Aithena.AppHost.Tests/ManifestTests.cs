using System.Diagnostics;
using System.Text.Json;
using Aithena.Testing;

namespace Aithena.AppHost.Tests;

/// <summary>The deployment manifest the AppHost publishes: what a deployment target is given.</summary>
public sealed class ManifestTests
{
    private static readonly string[] Services = ["api", "indexer", "embedder", "ocr", "lister"];

    [Theory]
    [InlineData("container")]
    [InlineData("local")]
    public async Task The_manifest_always_describes_the_broker_container_with_its_volume_quorum_default_and_secret_password(string brokerMode)
    {
        var resources = (await PublishAsync($"--Aithena:Broker={brokerMode}")).GetProperty("resources");

        var password = resources.GetProperty("rabbit-password");
        Assert.Equal("parameter.v0", password.GetProperty("type").GetString());
        Assert.True(password.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());

        var broker = resources.GetProperty("messaging");
        Assert.Equal("container.v0", broker.GetProperty("type").GetString());
        Assert.StartsWith("docker.io/library/rabbitmq:", broker.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Contains(broker.GetProperty("volumes").EnumerateArray(), v => v.GetProperty("target").GetString() == "/var/lib/rabbitmq");
        var env = broker.GetProperty("env");
        Assert.Equal("{rabbit-password.value}", env.GetProperty("RABBITMQ_DEFAULT_PASS").GetString());
        Assert.Contains("default_queue_type rabbit_quorum_queue", env.GetProperty("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS").GetString(), StringComparison.Ordinal);
        Assert.False(resources.TryGetProperty("rabbitmq", out _), "the local broker executable must not be published");
    }

    [Fact]
    public async Task Every_service_gets_the_contract_settings_and_only_the_api_is_external()
    {
        var resources = (await PublishAsync()).GetProperty("resources");

        foreach (var name in Services)
        {
            var service = resources.GetProperty(name);
            Assert.Equal("project.v0", service.GetProperty("type").GetString());
            var env = service.GetProperty("env");
            Assert.Equal("{messaging.connectionString}", env.GetProperty("ConnectionStrings__messaging").GetString());
            Assert.Equal("{catalog.connectionString}", env.GetProperty("ConnectionStrings__catalog").GetString());
            Assert.Equal("{library-path.value}", env.GetProperty("Library__Path").GetString());
            // The password reaches a service inside its connection string only.
            Assert.DoesNotContain(env.EnumerateObject(), e => e.Name != "ConnectionStrings__messaging"
                && e.Value.GetString()!.Contains("rabbit-password", StringComparison.Ordinal));

            var external = service.GetProperty("bindings").EnumerateObject()
                .Any(b => b.Value.TryGetProperty("external", out var e) && e.GetBoolean());
            Assert.Equal(name == "api", external);
        }
    }

    [Theory]
    [InlineData("--Aithena:Broker=container")]
    [InlineData("--Aithena:Broker=local")]
    [InlineData("--Aithena:Catalog=sqlite")]
    public async Task The_manifest_deploys_the_catalog_as_a_postgres_container_with_its_volume_and_secret_password(string setting)
    {
        var resources = (await PublishAsync(setting)).GetProperty("resources");

        var password = resources.GetProperty("postgres-password");
        Assert.Equal("parameter.v0", password.GetProperty("type").GetString());
        Assert.True(password.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());

        var server = resources.GetProperty("postgres");
        Assert.Equal("container.v0", server.GetProperty("type").GetString());
        Assert.StartsWith("docker.io/library/postgres:", server.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Contains(server.GetProperty("volumes").EnumerateArray(), v => v.GetProperty("name").GetString() == "aithena-postgres-data");
        Assert.Equal("{postgres-password.value}", server.GetProperty("env").GetProperty("POSTGRES_PASSWORD").GetString());

        var catalog = resources.GetProperty("catalog");
        Assert.StartsWith("{postgres.connectionString}", catalog.GetProperty("connectionString").GetString(), StringComparison.Ordinal);
        // No SQLite file in a deployment: the services of several machines cannot share one.
        Assert.False(resources.TryGetProperty("data-path", out _), "a published catalog needs no data folder");
        foreach (var name in Services)
        {
            var env = resources.GetProperty(name).GetProperty("env");
            Assert.DoesNotContain(env.EnumerateObject(), e => e.Value.GetString()!.Contains("postgres-password", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_ocr_worker_is_a_service_of_its_own()
    {
        // Aspire 13.6 writes no replica count into the manifest (the Api's two neither): a deployment scales the
        // ocr service as it scales any other.
        var resources = (await PublishAsync("--Aithena:OcrReplicas=3")).GetProperty("resources");

        var ocr = resources.GetProperty("ocr");
        Assert.Equal("project.v0", ocr.GetProperty("type").GetString());
        Assert.EndsWith("Aithena.Ocr.csproj", ocr.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    internal static async Task<JsonElement> PublishAsync(params string[] extra)
    {
        var output = Directory.CreateTempSubdirectory("aithena-manifest-").FullName;
        try
        {
            var manifest = Path.Combine(output, "aspire-manifest.json");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.Combine(Repo.Root, "Aithena.AppHost"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in (string[])[Repo.ServiceDll("Aithena.AppHost"), "--publisher", "manifest", "--output-path", manifest, .. extra])
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(deadline.Token);
            Assert.True(process.ExitCode == 0, $"publishing failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
            return JsonDocument.Parse(await File.ReadAllTextAsync(manifest)).RootElement.Clone();
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
