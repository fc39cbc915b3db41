using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aithena.Tests.Infrastructure;

/// <summary>
/// A service hosted in the test process exactly as its Program.cs composes it (AddServiceDefaults, the service's
/// own AddXxx, MapDefaultEndpoints, MapXxxApi), on real Kestrel at a free loopback port, with configuration given
/// by the test alone (no environment variables leak in).
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private ServiceHost(WebApplication app, Uri address, CapturedLogs logs)
    {
        App = app;
        BaseAddress = address;
        Logs = logs;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public CapturedLogs Logs { get; }
    public IServiceProvider Services => App.Services;

    public static Task<ServiceHost> StartApiAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? customize = null) =>
        StartAsync("Aithena.Api", settings, b => b.AddAithenaApi(), app =>
        {
            // The pipeline of Aithena.Api/Program.cs, in its order.
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.UseAuthentication();
            app.UseRateLimiter();
            app.UseAuthorization();
            app.MapAithenaApi();
        }, customize);

    public static Task<ServiceHost> StartIndexerAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? customize = null) =>
        StartAsync("Aithena.Indexer", settings, b => b.AddIndexer(), _ => { }, customize);

    public static Task<ServiceHost> StartListerAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? customize = null) =>
        StartAsync("Aithena.Lister", settings, b => b.AddLister(), _ => { }, customize);

    public static async Task<ServiceHost> StartAsync(
        string applicationName,
        IDictionary<string, string?> settings,
        Action<WebApplicationBuilder> add,
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? customize = null)
    {
        var environment = settings.TryGetValue("Environment", out var env) && env is not null ? env : Environments.Development;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = applicationName,
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:StartTimeout"] = "00:00:30",
            ["Messaging:StopTimeout"] = "00:00:10",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        builder.AddServiceDefaults();
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        add(builder);
        customize?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceHost(app, new Uri(address), logs);
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Shown with a failing test's result: what the service said is usually why.
        TestContext.Current.TestOutputHelper?.WriteLine($"--- {App.Environment.ApplicationName} log ---\n{Logs.Text}");
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
