using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Faults;

/// <summary>
/// Uploads stream in from several clients while the broker is stopped and started again, with the Api and the Indexer
/// as real processes that are never restarted. Every 202 must end indexed; every other answer must leave nothing.
/// The soak mode (AITHENA_SOAK=1, scripts/test.sh --soak) runs the same with more restarts and writes docs/SOAK.md.
/// </summary>
[Collection(nameof(BrokerFaults))]
public sealed class RestartUnderLoadTests : IAsyncLifetime
{
    private static readonly bool Soak = Environment.GetEnvironmentVariable("AITHENA_SOAK") == "1";
    private static readonly int Restarts = Soak ? int.Parse(Environment.GetEnvironmentVariable("AITHENA_SOAK_RESTARTS") ?? "10", CultureInfo.InvariantCulture) : 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private const int Clients = 4;

    // A broker of its own: these tests restart it.
    private readonly PrivateBroker _broker = new();
    private TestSystem _system = null!;

    private string _vhost => _system.VirtualHost;
    private TestLibrary _library => _system.Library;

    public async ValueTask InitializeAsync()
    {
        await _broker.InitializeAsync();
        _system = await TestSystem.CreateAsync(_broker);
    }

    public async ValueTask DisposeAsync()
    {
        await _broker.StartAsync(); // whatever a test left stopped, so the services can stop cleanly
        await _system.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private Task<ServiceProcess> StartAsync(string project) =>
        _system.StartProcessAsync(project, ("Upload:PublishTimeout", "00:00:03"), ("Upload:CircuitBreakDuration", "00:00:02"));

    private sealed record Outcome(string Name, HttpStatusCode Status, string? Id);

    private static async Task<string?> HealthAsync(ServiceProcess service, string path)
    {
        using var response = await service.Http.GetAsync(path);
        return (await response.ReadAsync<HealthStatusResponse>()).Status;
    }

    [Fact]
    public async Task Every_upload_answered_202_ends_indexed_and_every_other_leaves_nothing_across_broker_restarts()
    {
        var api = await StartAsync("Aithena.Api");
        var indexer = await StartAsync("Aithena.Indexer");
        var outcomes = new ConcurrentBag<Outcome>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            for (var n = 0; n < 100_000 && !stop.IsCancellationRequested && clock.Elapsed < TimeSpan.FromMinutes(Soak ? 60 : 5); n++)
            {
                var name = $"c{client}-{n:00000}.pdf";
                try
                {
                    using var response = await http.UploadAsync(TestPdf.WithPages($"client {client} upload {n}"), name);
                    var id = response.StatusCode == HttpStatusCode.Accepted ? await response.UploadIdAsync() : null;
                    outcomes.Add(new Outcome(name, response.StatusCode, id));
                    // A steady stream rather than a flood (flooding is the benchmarks' job); a refused client backs off.
                    await Task.Delay(response.StatusCode == HttpStatusCode.Accepted ? 50 : 200, CancellationToken.None);
                }
                catch (HttpRequestException)
                {
                    outcomes.Add(new Outcome(name, 0, null));
                }
            }
        })).ToList();

        var healthDown = 0;
        for (var restart = 0; restart < Restarts; restart++)
        {
            await Eventually.Until(() => outcomes.Count(o => o.Status == HttpStatusCode.Accepted) > (restart + 1) * 20, Timeout, "uploads to flow");
            await _broker.StopAsync();
            await Eventually.Until(async () => await HealthAsync(api, "/health/detail") == "Degraded", Timeout, "the health report to show the outage");
            // Degraded, not Unhealthy: readiness stays 200, so search and downloads keep their replicas.
            using (var ready = await api.Http.GetAsync("/health"))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            healthDown++;
            await _broker.StartAsync();
            await Eventually.Until(async () => await HealthAsync(api, "/health/detail") == "Healthy", Timeout, "the health report to recover");
        }

        var before = outcomes.Count(o => o.Status == HttpStatusCode.Accepted);
        await Eventually.Until(() => outcomes.Count(o => o.Status == HttpStatusCode.Accepted) > before + 20, Timeout, "uploads to flow after the last restart");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var accepted = outcomes.Where(o => o.Status == HttpStatusCode.Accepted).ToList();
        var refused = outcomes.Where(o => o.Status != HttpStatusCode.Accepted).ToList();
        await Eventually.Until(async () => (await api.Http.GetAsync<DocumentPage>("/v1/documents?status=indexed&pageSize=1")).Total,
            n => n >= accepted.Count, TimeSpan.FromMinutes(5), $"{accepted.Count} documents to be indexed", TimeSpan.FromSeconds(1));
        var indexed = new HashSet<string>();
        for (var page = 1; page <= (accepted.Count / 100) + 1; page++)
        {
            var items = (await api.Http.GetAsync<DocumentPage>($"/v1/documents?status=indexed&pageSize=100&page={page}")).Items;
            indexed.UnionWith(items.Select(d => d.Id));
        }

        Assert.All(accepted, a => Assert.Contains(a.Id!, indexed));

        var files = _library.AllFiles().ToHashSet();
        var lost = accepted.Count(a => !files.Contains($"uploads/{a.Name}"));
        Assert.Equal(0, lost);
        Assert.All(refused, r => Assert.DoesNotContain($"uploads/{r.Name}", files));
        foreach (var r in refused)
        {
            using var response = await api.Http.GetAsync($"/v1/documents/{DocumentIds.FromPath($"uploads/{r.Name}")}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.False(api.HasExited || indexer.HasExited, "the services were never restarted");
        var documents = (await api.Http.GetAsync<DocumentPage>("/v1/documents?status=indexed&pageSize=1")).Total;
        Assert.Equal(accepted.Count, documents);

        var table = $"""
            | restarts survived | uploads answered | accepted (202) | refused (502 etc.) | accepted and indexed | documents lost | /health/detail went Degraded (readiness 200) and back |
            |---|---|---|---|---|---|---|
            | {Restarts} | {outcomes.Count} | {accepted.Count} | {refused.Count} | {documents} | {lost} | {healthDown} of {Restarts} |
            """;
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        if (Soak)
        {
            await File.WriteAllTextAsync(Path.Combine(Repo.Root, "docs", "SOAK.md"), $"""
                # Soak run

                `scripts/test.sh --soak` on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {clock.Elapsed.TotalMinutes:F1} minutes:
                {Clients} clients uploading one-page PDFs through one Api process to one Indexer process while the broker was stopped
                and started {Restarts} times. Neither service was restarted.

                {table}

                """, CancellationToken.None);
        }
    }
}
