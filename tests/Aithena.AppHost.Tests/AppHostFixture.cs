using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Aithena.Api.Accounts;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.AppHost.Tests;

/// <summary>
/// The real Aithena.AppHost in local broker mode, started once for the tests that share it (a start costs about a
/// minute on two cores), with ports and folders of its own so it runs beside a developer's AppHost, and the dashboard
/// on, with its telemetry API behind a key.
/// </summary>
public class AppHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    private DistributedApplication? _app;

    public string Root { get; } = Directory.CreateTempSubdirectory("aithena-apphost-").FullName;
    public string DashboardApiKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    public string BrokerPassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    public string AdminPassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    public int BrokerPort { get; } = FreePort();
    public int BrokerManagementPort { get; } = FreePort();
    public Uri DashboardUrl { get; private set; } = null!;
    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app is stopped.");
    public string LibraryPath => Path.Combine(Root, "library");

    /// <summary>The AppHost's own process id: DCP watches it and is told to stop with it.</summary>
    public int AppHostProcessId { get; } = Environment.ProcessId;

    public async ValueTask InitializeAsync()
    {
        string[] args =
        [
            "--Aithena:Broker=local",
            "--Aithena:ApiReplicas=1",
            $"--Aithena:LocalBroker:Port={BrokerPort}",
            $"--Aithena:LocalBroker:ManagementPort={BrokerManagementPort}",
            $"--Aithena:LocalBroker:Directory={Path.Combine(Root, "broker")}",
            $"--Parameters:library-path={LibraryPath}",
            $"--Parameters:data-path={Path.Combine(Root, "data")}",
            $"--Parameters:rabbit-password={BrokerPassword}",
            // The first administrator, as a deployment gives it (otherwise generated into the AppHost's user secrets).
            $"--Parameters:admin-password={AdminPassword}",
            // The dashboard's telemetry API, behind a key of this run's own.
            $"--AppHost:DashboardApiKey={DashboardApiKey}",
            .. Arguments,
        ];
        using var starting = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Aithena_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true }, args, starting.Token);
        _app = await builder.BuildAsync(starting.Token);
        await _app.StartAsync(starting.Token);
        // The browser URL carries a login token; the telemetry API wants only the address and the key.
        var dashboard = await _app.GetDashboardUrlAsync(starting.Token);
        DashboardUrl = new Uri(dashboard.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>What a variant of the app adds to the AppHost's arguments (another catalog engine, say).</summary>
    protected virtual IEnumerable<string> Arguments => [];

    /// <summary>A client of the Api signed in as the first administrator (user "admin"), as scripts use it with a token.</summary>
    public async Task<HttpClient> AdminApiClientAsync()
    {
        var http = App.CreateHttpClient("api");
        using var signIn = await http.PostAsJsonAsync("/v1/auth/token", new SignInRequest("admin", AdminPassword));
        signIn.EnsureSuccessStatusCode();
        var token = await signIn.Content.ReadFromJsonAsync<WebToken>();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return http;
    }

    public async Task WaitHealthyAsync(string resource)
    {
        using var waiting = new CancellationTokenSource(StartTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, waiting.Token);
    }

    /// <summary>Stops the app and everything it started; safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A stopping broker may still be writing its last log line; the folder is in the temporary directory.
        }
    }

    protected static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
