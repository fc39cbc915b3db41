using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net;
using System.Net.Http.Json;
using Aithena.Catalog;
using Aithena.Contracts;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Aithena.Testing;

namespace Aithena.Benchmarks;

/// <summary>
/// Section 3: the Indexer as processes. Documents per second for 1-page and 100-page PDFs with one and two
/// Indexers on one catalog; and, on an otherwise idle system, the time from an upload's 202 to the document being
/// found by search.
/// </summary>
public sealed class IndexerBenchmark(BenchContext context)
{
    public const string Title = "3. Indexer";
    private static readonly int[] IndexerCounts = [1, 2];

    private readonly Plan _plan = context.Smoke
        ? new Plan(Rounds: 1, Documents: [(1, 6), (100, 2)], Searchable: 3, WarmUp: 1, Timeout: TimeSpan.FromSeconds(60))
        : new Plan(Rounds: 3, Documents: [(1, 1000), (100, 40)], Searchable: 200, WarmUp: 5, Timeout: TimeSpan.FromMinutes(5));

    private sealed record Plan(int Rounds, (int Pages, int Count)[] Documents, int Searchable, int WarmUp, TimeSpan Timeout);

    /// <summary>One row: its rounds' times and the largest peak memory of any of its Indexers.</summary>
    private sealed record Row(int Pages, int Indexers, int Documents, List<TimeSpan> Elapsed, List<double> PeakMemoryMb)
    {
        public double DocumentsPerSecond => Stats.Median(Elapsed.Select(e => Documents / e.TotalSeconds).ToList());
    }

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var rows = _plan.Documents.SelectMany(d => IndexerCounts.Select(indexers => new Row(d.Pages, indexers, d.Count, [], []))).ToList();
        for (var round = 1; round <= _plan.Rounds; round++)
        {
            foreach (var row in rows)
            {
                BenchContext.Log($"indexer round {round}: {row.Documents} documents of {row.Pages} page(s), {row.Indexers} Indexer(s)");
                var (elapsed, peakMemoryMb) = await MeasureThroughputAsync(row.Pages, row.Documents, row.Indexers, cancellationToken);
                row.Elapsed.Add(elapsed);
                row.PeakMemoryMb.Add(peakMemoryMb);
            }
        }

        BenchContext.Log($"indexer: upload to searchable, {_plan.Searchable} sequential uploads");
        var searchable = await MeasureUploadToSearchableAsync(cancellationToken);
        return Write(rows, searchable);
    }

    /// <summary>
    /// Writes the PDFs into the library and records them queued (as the Lister would), starts the Indexers and waits
    /// until they are healthy and have each indexed a couple of warm-up documents (JIT, first catalog write), then
    /// sends every command through Aithena's bus and times until the catalog says all are indexed. Sending is much
    /// faster than indexing, so the time is the Indexers'.
    /// </summary>
    private async Task<(TimeSpan Elapsed, double PeakMemoryMb)> MeasureThroughputAsync(int pages, int count, int indexers, CancellationToken cancellationToken)
    {
        var vhost = await context.Broker.CreateVirtualHostAsync("bench-indexer");
        using var library = new TestLibrary("bench-indexer");
        try
        {
            var warmUp = 2 * indexers;
            var batch = new ListerBatch();
            for (var i = 0; i < warmUp + count; i++)
            {
                var path = $"bench/{pages}-pages/Benchmark - Document {i:00000} (2024).pdf";
                batch.Add(path, library.Write(path, TestPdf.Generated(pages, $"Document {i} of {count}")));
            }

            var commands = batch.Commands;

            await using var group = await context.StartAsync("Aithena.Indexer", indexers, vhost, library, cancellationToken);
            await using var store = CatalogStore.Open(library.CatalogConnectionString);
            var catalog = store.Documents;
            await catalog.MarkQueuedAsync(batch.Queued, cancellationToken); // the Indexers migrated the schema on start
            await using var bus = await AithenaBus.StartAsync(context.Broker.ConnectionString(vhost), cancellationToken);

            await SendAndWaitAsync(bus, catalog, group, commands[..warmUp], warmUp, cancellationToken);
            var clock = Stopwatch.StartNew();
            await SendAndWaitAsync(bus, catalog, group, commands[warmUp..], warmUp + count, cancellationToken);
            clock.Stop();
            return (clock.Elapsed, group.Processes.Max(p => p.PeakMemoryMb()));
        }
        finally
        {
            SqliteConnection.ClearAllPools(); // the catalog file is deleted with the library
            await context.Broker.DeleteVirtualHostAsync(vhost);
        }
    }

    private async Task SendAndWaitAsync(AithenaBus bus, IDocumentCatalog catalog, ServiceGroup indexers, List<IndexDocument> commands, int indexedInAll, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(commands, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (command, ct) =>
        {
            var endpoint = await bus.Bus.GetSendEndpoint(QueueNames.IndexDocumentAddress);
            await endpoint.Send(command, ct);
        });
        await Load.UntilAsync(async () =>
        {
            var (_, failed) = await catalog.ListAsync(DocumentStatus.Failed, 1, 1, cancellationToken);
            if (failed > 0)
            {
                throw new InvalidOperationException($"{failed} documents failed to index:\n{string.Join('\n', indexers.Processes.Select(p => p.Output))}");
            }

            var (_, indexed) = await catalog.ListAsync(DocumentStatus.Indexed, 1, 1, cancellationToken);
            return indexed == indexedInAll;
        }, _plan.Timeout, TimeSpan.FromMilliseconds(20), $"{indexedInAll} documents to be indexed", cancellationToken);
    }

    /// <summary>
    /// One Api and one Indexer, nothing else running: sequential uploads of 1-page PDFs, each with a word no other
    /// document has, timed from the 202 to the first search that finds the word (polled every 10 ms).
    /// </summary>
    private async Task<List<double>> MeasureUploadToSearchableAsync(CancellationToken cancellationToken)
    {
        var vhost = await context.Broker.CreateVirtualHostAsync("bench-searchable");
        using var library = new TestLibrary("bench-searchable");
        try
        {
            await using var apis = await context.StartAsync("Aithena.Api", 1, vhost, library, cancellationToken);
            await using var indexers = await context.StartAsync("Aithena.Indexer", 1, vhost, library, cancellationToken);
            var api = apis.Processes[0].BaseAddress;
            var latencies = new List<double>();
            for (var i = 0; i < _plan.WarmUp + _plan.Searchable; i++)
            {
                var word = "benchword" + Guid.NewGuid().ToString("N")[..12];
                using var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(TestPdf.Generated(1, $"Searchable {i}", word));
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                form.Add(file, "file", $"searchable-{i:0000}.pdf");
                using (var response = await context.Http.PostAsync(new Uri(api, "/v1/upload"), form, cancellationToken))
                {
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        throw new HttpRequestException($"upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    }
                }

                var answered = Stopwatch.GetTimestamp();
                await Load.UntilAsync(() => FindsAsync(api, word, cancellationToken), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10),
                    $"'{word}' to be searchable", cancellationToken);
                if (i >= _plan.WarmUp)
                {
                    latencies.Add(Stats.ElapsedMs(answered));
                }
            }

            return latencies;
        }
        finally
        {
            await context.Broker.DeleteVirtualHostAsync(vhost);
        }
    }

    private async Task<bool> FindsAsync(Uri api, string word, CancellationToken cancellationToken)
    {
        var results = await context.Http.GetFromJsonAsync<SearchResults>(new Uri(api, $"/v1/search?q={word}"), cancellationToken);
        return results is { Total: > 0 };
    }

    private Report Write(List<Row> rows, List<double> searchable)
    {
        var report = new Report().Heading(Title).Paragraph(
            $"""
            Throughput: the PDFs (generated with PdfPig, {TestPdf.LinesPerGeneratedPage} lines of text per page, every document different) are written into
            the library and recorded `queued`; the Indexers (`dotnet Aithena.Indexer.dll`, prefetch 1, one message at a time
            each) are started and healthy; then every `IndexDocument` is sent through Aithena's bus and the clock runs until
            the catalog has them all `indexed` (after two unmeasured warm-up documents per Indexer). Fresh processes, vhost, library and
            catalog per round. Counts: {string.Join(", ", _plan.Documents.Select(d => $"{d.Count} documents of {d.Pages} page(s)"))} per round.
            {PublishBenchmark.RoundsText(_plan.Rounds)}
            """);
        report.Table(["Pages per PDF", "Indexers", "Documents per round", "Documents/s", "Pages/s", "Documents/s per round", "Peak memory per Indexer (VmHWM, largest)"],
            rows.Select(r => (IReadOnlyList<string>)[I(r.Pages), I(r.Indexers), I(r.Documents), Report.N(r.DocumentsPerSecond, 1),
                Report.N(r.DocumentsPerSecond * r.Pages), string.Join(" / ", r.Elapsed.Select(e => Report.N(r.Documents / e.TotalSeconds, 1))),
                Report.N(r.PeakMemoryMb.Max()) + " MB"]));

        report.Heading("Upload to searchable", 3).Paragraph(
            $"""
            One Api and one Indexer process, nothing else running: {searchable.Count} sequential uploads of a 1-page PDF holding
            a word no other document has (after {_plan.WarmUp} unmeasured ones), each timed from the upload's 202 until
            `GET /v1/search?q=WORD` finds it (polled every 10 ms, so figures are up to 10 ms late).
            """);
        var p50 = Stats.Percentile(searchable, 50);
        report.Table(["Uploads", "p50 ms", "p99 ms", "max ms"],
            [[I(searchable.Count), Report.Ms(p50), Report.Ms(Stats.Percentile(searchable, 99)), Report.Ms(searchable.Count == 0 ? double.NaN : searchable.Max())]]);
        context.Targets.Add(new TargetResult("Upload to searchable p50 < 300 ms, 1-page PDF", Report.Ms(p50) + " ms", p50 < 300));
        return report;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
