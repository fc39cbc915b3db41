using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Infrastructure;

/// <summary>
/// One test's own Aithena: a vhost on a broker, a library and catalog, and the services the test starts (in this
/// process or as processes), stopped in reverse order when the test ends, with their output attached to its result.
/// </summary>
public sealed class TestSystem : IAsyncDisposable
{
    private readonly List<ServiceHost> _hosts = [];
    private readonly List<ServiceProcess> _processes = [];

    private TestSystem(PrivateBroker broker, string virtualHost)
    {
        Broker = broker;
        VirtualHost = virtualHost;
    }

    public PrivateBroker Broker { get; }
    public string VirtualHost { get; }
    public TestLibrary Library { get; } = new();

    public static async Task<TestSystem> CreateAsync(PrivateBroker broker) => new(broker, await broker.CreateVirtualHostAsync());

    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra) => Infrastructure.Settings.For(Broker, VirtualHost, Library, extra);

    public Task<ServiceHost> StartApiAsync(params (string, string?)[] extra) => TrackAsync(ServiceHost.StartApiAsync(Settings(extra)));

    public Task<ServiceHost> StartIndexerAsync(params (string, string?)[] extra) => TrackAsync(ServiceHost.StartIndexerAsync(Settings(extra)));

    public Task<ServiceHost> StartOcrAsync(params (string, string?)[] extra) => TrackAsync(ServiceHost.StartOcrAsync(Settings(extra)));

    public Task<ServiceHost> StartEmbedderAsync(params (string, string?)[] extra) => TrackAsync(ServiceHost.StartEmbedderAsync(Settings(extra)));

    public Task<ServiceHost> StartListerAsync(params (string, string?)[] extra) => TrackAsync(ServiceHost.StartListerAsync(Settings(extra)));

    /// <summary>Starts an in-process service with extra wiring (an exporter, say).</summary>
    public Task<ServiceHost> StartAsync(Func<IDictionary<string, string?>, Action<IServiceCollection>?, Task<ServiceHost>> start,
        Action<IServiceCollection>? customize, params (string, string?)[] extra) => TrackAsync(start(Settings(extra), customize));

    /// <summary>Starts a service as a real process and waits until it is healthy.</summary>
    public async Task<ServiceProcess> StartProcessAsync(string project, params (string, string?)[] extra)
    {
        var process = LaunchProcess(project, port: null, extra);
        await process.WaitHealthyAsync();
        return process;
    }

    /// <summary>Starts a service as a real process on <paramref name="port"/> (a free one when null), without waiting for it.</summary>
    public ServiceProcess LaunchProcess(string project, int? port, params (string, string?)[] extra)
    {
        var environment = Settings(extra).AsEnvironment();
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Logging__LogLevel__Aithena"] = "Information";
        var process = ServiceProcess.Start(project, environment, port);
        _processes.Add(process);
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }

        foreach (var process in _processes)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"--- process {process.Pid} ---\n{process.Output}");
            await process.DisposeAsync();
        }

        Library.Dispose();
    }

    private async Task<ServiceHost> TrackAsync(Task<ServiceHost> starting)
    {
        var host = await starting;
        _hosts.Add(host);
        return host;
    }
}
