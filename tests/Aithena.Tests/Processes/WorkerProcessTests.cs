using System.Net;
using System.Text.RegularExpressions;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Processes;

/// <summary>
/// Several Api and Indexer processes on one queue and one catalog, as a deployment runs them; and Indexers that
/// crash or are stopped in the middle of a document.
/// </summary>
public sealed partial class WorkerProcessTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<byte[]> SlowPdf = new(() =>
        TestPdf.Create(Enumerable.Range(1, 2500).Select(i => $"Page {i} of a long document about slow reading and patience.").ToList()));

    private TestSystem _system = null!;

    private PrivateBroker Broker => shared.Broker;
    private string _vhost => _system.VirtualHost;
    private TestLibrary _library => _system.Library;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private Task<ServiceProcess> StartAsync(string project, params (string, string?)[] extra) => _system.StartProcessAsync(project, extra);

    [GeneratedRegex(@"Indexed (?<path>\S+): Indexed")]
    private static partial Regex IndexedLine();

    private static List<string> IndexedPaths(ServiceProcess process) =>
        IndexedLine().Matches(process.Output).Select(m => m.Groups["path"].Value).ToList();

    [Fact]
    public async Task Two_api_and_two_indexer_processes_index_every_upload_exactly_once_with_one_connection_each()
    {
        var apis = new[] { await StartAsync("Aithena.Api"), await StartAsync("Aithena.Api") };
        var indexers = new[] { await StartAsync("Aithena.Indexer"), await StartAsync("Aithena.Indexer") };

        var uploads = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await apis[i % 2].Http.UploadAsync(TestPdf.WithPages($"shared catalog document {i}", "second page"), $"doc-{i:00}.pdf");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return await response.UploadIdAsync();
        }));

        foreach (var id in uploads)
        {
            await apis[0].Http.WaitForStatusAsync(id, Timeout, "indexed");
        }

        // "Indexed" is logged once the cover is drawn too, a moment after the catalog says indexed.
        await Eventually.Until(() => indexers.Sum(p => IndexedPaths(p).Count) >= 40, Timeout, "both Indexers to log every document indexed");
        var indexed = indexers.SelectMany(IndexedPaths).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"uploads/doc-{i:00}.pdf"), indexed.Order());
        Assert.All(indexers, p => Assert.NotEmpty(IndexedPaths(p))); // the queue's work was shared
        Assert.All(apis.Concat(indexers), p => Assert.DoesNotContain("database is locked", p.Output, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(40, (await apis[1].Http.GetAsync<SearchResponse>("/v1/search?q=shared&pageSize=100")).Total);

        var connections = await Broker.ConnectionsAsync(_vhost);
        Assert.All(apis.Concat(indexers), p => Assert.Single(connections, c => c.Contains($":{p.Pid}", StringComparison.Ordinal)));

        var consumers = (await Broker.ConsumersAsync(_vhost)).Where(c => c.Queue == QueueNames.IndexDocument).ToList();
        Assert.Equal(2, consumers.Count);
        Assert.All(consumers, c => Assert.Equal(1, c.Prefetch));
    }

    [Fact]
    public async Task An_indexer_killed_in_the_middle_of_a_document_hands_it_back_and_it_ends_indexed_exactly_once()
    {
        var api = await StartAsync("Aithena.Api");
        using var response = await api.Http.UploadAsync(SlowPdf.Value, "slow.pdf");
        var id = await response.UploadIdAsync();

        for (var crash = 0; crash < 2; crash++)
        {
            // PdfPig: the document keeps it busy for seconds, long enough to be killed in the middle (MuPDF reads it in one).
            var doomed = await StartAsync("Aithena.Indexer", ("Indexer:MaxPages", "10000"), ("Indexer:TextExtractor", "PdfPig"));
            await Eventually.Until(() => doomed.Output.Contains("Indexing uploads/slow.pdf", StringComparison.Ordinal), Timeout, "the indexer to start on the slow document");
            doomed.Kill();
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10));
            Assert.DoesNotContain("Indexed uploads/slow.pdf", doomed.Output, StringComparison.Ordinal);
        }

        var survivor = await StartAsync("Aithena.Indexer", ("Indexer:MaxPages", "10000"));
        var document = await api.Http.WaitForStatusAsync(id, Timeout, "indexed");

        Assert.Contains("redelivered: True", survivor.Output, StringComparison.Ordinal);
        Assert.Equal(2500, document.PageCount);
        Assert.Equal(1, (await api.Http.GetAsync<SearchResponse>("/v1/search?q=patience&pageSize=1")).Total);
        // The Indexer logs after it commits (and after it asks for the embeddings): the line may trail the status.
        await Eventually.Until(() => IndexedPaths(survivor).Count > 0, Timeout, "the survivor to log the document indexed");
        Assert.Single(IndexedPaths(survivor));
    }

    [Fact]
    public async Task An_indexer_stopped_with_sigterm_finishes_the_document_in_flight_and_exits_cleanly()
    {
        var api = await StartAsync("Aithena.Api");
        var indexer = await StartAsync("Aithena.Indexer", ("Indexer:MaxPages", "10000"));
        using var response = await api.Http.UploadAsync(SlowPdf.Value, "graceful.pdf");
        var id = await response.UploadIdAsync();
        await Eventually.Until(() => indexer.Output.Contains("Indexing uploads/graceful.pdf", StringComparison.Ordinal), Timeout, "the indexer to start on the document");

        indexer.Terminate();

        Assert.Equal(0, await indexer.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Indexed uploads/graceful.pdf", indexer.Output, StringComparison.Ordinal);
        var document = await api.Http.GetAsync<DocumentResponse>($"/v1/documents/{id}");
        Assert.Equal("indexed", document.Status);
        Assert.Empty(await Broker.PeekAsync(_vhost, QueueNames.IndexDocument));
    }
}
