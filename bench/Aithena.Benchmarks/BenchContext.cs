using System.Net;
using Aithena.Testing;

namespace Aithena.Benchmarks;

/// <summary>What every section shares: options, the broker, one HTTP client, the targets found so far, progress output.</summary>
public sealed class BenchContext(BenchOptions options, PrivateBroker broker) : IDisposable
{
    public BenchOptions Options { get; } = options;
    public PrivateBroker Broker { get; } = broker;
    public bool Smoke => Options.Smoke;
    public List<TargetResult> Targets { get; } = [];

    /// <summary>
    /// One client for every request the benchmark makes, with enough connections for the most concurrent row, so
    /// clients never queue inside HttpClient instead of at the server.
    /// </summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, AutomaticDecompression = DecompressionMethods.None })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static void Log(string message) => Console.Error.WriteLine($"bench {DateTime.UtcNow:HH:mm:ss} {message}");

    /// <summary>Starts <paramref name="count"/> processes of a service on a vhost and library, and waits until each is healthy.</summary>
    /// <param name="defaults">The services' own defaults (the embedding model on), as the pipeline section measures them.</param>
    /// <param name="dll">Another build of the service to start instead of this repository's (a baseline to compare with).</param>
    public async Task<ServiceGroup> StartAsync(string project, int count, string virtualHost, TestLibrary library, CancellationToken cancellationToken, bool defaults = false, string? dll = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__messaging"] = Broker.ConnectionString(virtualHost),
            ["ConnectionStrings__catalog"] = library.CatalogConnectionString,
            ["Library__Path"] = library.LibraryPath,
            ["Logging__LogLevel__Default"] = "Warning",
            // Indexing is measured here; embedding has its own benchmark (scripts/bench-semantic.sh). With the model on,
            // each Indexer would embed every page it indexed, on the same two cores.
            ["Embeddings__Model"] = "None",
            // Everything open, as on a single-user machine: the services are measured, not sign-in (the web section
            // measures what a token adds to a search on its own).
            ["Access__Anonymous"] = "Full",
        };
        if (defaults)
        {
            environment.Remove("Embeddings__Model");
        }

        if (project == "Aithena.Api")
        {
            // The endpoint is measured, not a per-client rate limit (off by default; said here so a new default cannot
            // turn the upload rows into a count of 429s).
            environment["Access__UploadsPerMinute"] = "0";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var group = new ServiceGroup();
        try
        {
            for (var i = 0; i < count; i++)
            {
                group.Add(ServiceProcess.Start(dll ?? Options.ServiceDll(project), environment));
            }

            await Task.WhenAll(group.Processes.Select(p => p.WaitHealthyAsync(TimeSpan.FromSeconds(90), acceptDegraded: true, cancellationToken)));
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>Processes started together and stopped together (SIGTERM, then SIGKILL), whatever happened in between.</summary>
public sealed class ServiceGroup : IAsyncDisposable
{
    private readonly List<ServiceProcess> _processes = [];

    public IReadOnlyList<ServiceProcess> Processes => _processes;

    public void Add(ServiceProcess process) => _processes.Add(process);

    public async ValueTask DisposeAsync() => await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
}
