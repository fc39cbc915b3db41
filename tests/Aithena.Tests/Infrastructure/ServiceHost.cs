using Aithena.Api.Upload;
using Aithena.Embedder.Consumers;
using Aithena.Indexer.Consumers;
using Aithena.Lister.Scanning;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Aithena.Tests.Infrastructure;

/// <summary>
/// A service hosted in the test process by its own Program.cs (WebApplicationFactory runs the real entry point), on
/// real Kestrel at a free loopback port, with the test's settings on top and its log captured.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    /// <summary>What every in-process service gets unless the test says otherwise: short bus timeouts, quiet framework logs.</summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Messaging:StartTimeout"] = "00:00:30",
        ["Messaging:StopTimeout"] = "00:00:10",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    private readonly IAsyncDisposable _factory;
    private bool _disposed;

    private ServiceHost(string name, IAsyncDisposable factory, IServiceProvider services, Uri address)
    {
        Name = name;
        _factory = factory;
        Services = services;
        BaseAddress = address;
        Logs = services.GetRequiredService<FakeLogCollector>();
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public FakeLogCollector Logs { get; }
    public IServiceProvider Services { get; }

    // Any public type of a service's assembly names its entry point for WebApplicationFactory.
    public static Task<ServiceHost> StartApiAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? customize = null) =>
        StartAsync<UploadDocument>("Aithena.Api", settings, customize);

    public static Task<ServiceHost> StartIndexerAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? customize = null) =>
        StartAsync<IndexDocumentConsumer>("Aithena.Indexer", settings, customize);

    public static Task<ServiceHost> StartOcrAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? customize = null) =>
        StartAsync<Aithena.Ocr.Consumers.RecognizeDocumentConsumer>("Aithena.Ocr", settings, customize);

    public static Task<ServiceHost> StartEmbedderAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? customize = null) =>
        StartAsync<EmbedDocumentConsumer>("Aithena.Embedder", settings, customize);

    public static Task<ServiceHost> StartListerAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? customize = null) =>
        StartAsync<LibraryScanner>("Aithena.Lister", settings, customize);

    private static async Task<ServiceHost> StartAsync<TEntryPoint>(string name, IDictionary<string, string?> settings,
        Action<IServiceCollection>? customize) where TEntryPoint : class
    {
        var environment = settings.TryGetValue("Environment", out var env) && env is not null ? env : Environments.Development;
        var factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            // Settings, not configuration sources: Program.cs reads some of them while composing the app, before
            // sources added by the factory would be seen.
            // A null value means "not set": a setting cannot be removed, and UseSetting would make it an empty string.
            foreach (var (key, value) in Defaults.Concat(settings).Where(setting => setting.Value is not null))
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                logging.AddFakeLogging();
            });
            if (customize is not null)
            {
                web.ConfigureServices(customize);
            }
        });
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        try
        {
            await Task.Run(factory.StartServer, TestContext.Current.CancellationToken);
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }

        var services = factory.Services;
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceHost(name, factory, services, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Shown with a failing test's result: what the service said is usually why.
        TestContext.Current.TestOutputHelper?.WriteLine($"--- {Name} log ---\n{Logs.Text()}");
        Http.Dispose();
        await _factory.DisposeAsync();
    }
}
