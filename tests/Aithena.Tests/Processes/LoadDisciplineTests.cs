using System.Net;
using System.Text.RegularExpressions;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Processes;

/// <summary>Connections and file descriptors under load; a long document and prefetch 1 across Indexer processes.</summary>
public sealed partial class LoadDisciplineTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);
    private TestSystem _system = null!;

    private PrivateBroker Broker => shared.Broker;
    private string _vhost => _system.VirtualHost;
    private TestLibrary _library => _system.Library;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private Task<ServiceProcess> StartAsync(string project, params (string, string?)[] extra) => _system.StartProcessAsync(project, extra);

    [Fact]
    public async Task Ten_thousand_uploads_through_two_api_processes_hold_one_connection_each_and_return_file_descriptors()
    {
        const int total = 10_000, concurrency = 32;
        var apis = new[] { await StartAsync("Aithena.Api"), await StartAsync("Aithena.Api") };
        var template = TestPdf.WithPages("connection discipline");
        var next = -1;

        async Task UploadBatchAsync(int count)
        {
            var end = Interlocked.CompareExchange(ref next, 0, 0) + count;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                using var http = new HttpClient { BaseAddress = apis[0].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                using var other = new HttpClient { BaseAddress = apis[1].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                int n;
                while ((n = Interlocked.Increment(ref next)) <= end)
                {
                    var pdf = template.Concat(BitConverter.GetBytes(n)).ToArray(); // bytes after %%EOF make each upload distinct
                    using var response = await (n % 2 == 0 ? http : other).UploadAsync(pdf, $"load-{n:00000}.pdf");
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                }
            }));
        }

        // Warm up at full concurrency first, so pools (SQLite connections, threads) are at their working size.
        await UploadBatchAsync(500);
        var baseline = apis.Select(a => a.OpenFileDescriptors()).ToArray();
        var before = apis.Select(a => a.OpenFileDescriptorTargets()).ToArray();

        await UploadBatchAsync(total);

        var connections = await Broker.ConnectionsAsync(_vhost);
        Assert.All(apis, api => Assert.Single(connections, c => c.Contains($":{api.Pid}", StringComparison.Ordinal)));
        for (var i = 0; i < apis.Length; i++)
        {
            var api = apis[i];
            var start = baseline[i];
            var kinds = string.Join(", ", api.OpenFileDescriptorTargets().Where(t => !t.EndsWith(".dll", StringComparison.Ordinal)).Select(t => Regex.Replace(t, @"\[\d+\]|\d+$", "")).GroupBy(t => t).Select(g => $"{g.Key} x{g.Count()}"));
            var was = string.Join(", ", before[i].Where(t => !t.EndsWith(".dll", StringComparison.Ordinal)).Select(t => Regex.Replace(t, @"\[\d+\]|\d+$", "")).GroupBy(t => t).Select(g => $"{g.Key} x{g.Count()}"));
            await Eventually.Until(() => Task.FromResult(api.OpenFileDescriptors()), fds => fds <= start, TimeSpan.FromSeconds(30),
                $"api {i}'s file descriptors to return to {start} (before: {was}; after: {kinds})");
        }

        // Pooled SQLite connections (db and WAL handle each) are bounded by the requests in flight, not by the uploads made.
        Assert.All(apis, api => Assert.InRange(api.OpenCatalogHandles(), 1, 2 * concurrency + 1));
        Assert.Equal(total + 500, _library.AllFiles().Count);
    }

    [GeneratedRegex(@"Indexed (?<path>\S+): Indexed")]
    private static partial Regex IndexedLine();

    [Fact]
    public async Task A_long_document_does_not_hold_up_documents_that_another_indexer_could_take()
    {
        var api = await StartAsync("Aithena.Api");
        // PdfPig: 4,000 pages keep it busy for seconds (MuPDF, the default, reads them in one).
        var indexers = new[] { await StartAsync("Aithena.Indexer", ("Indexer:MaxPages", "100000"), ("Indexer:TextExtractor", "PdfPig")),
            await StartAsync("Aithena.Indexer", ("Indexer:MaxPages", "100000"), ("Indexer:TextExtractor", "PdfPig")) };
        var slow = TestPdf.Create(Enumerable.Range(1, 4000).Select(i => $"Page {i} of the long one.").ToList());

        using (var response = await api.Http.UploadAsync(slow, "long.pdf"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var busy = await Eventually.Until(() => Task.FromResult(indexers.FirstOrDefault(i => i.Output.Contains("Indexing uploads/long.pdf", StringComparison.Ordinal))),
            i => i is not null, Timeout, "an indexer to take the long document");
        var idle = indexers.Single(i => i != busy);
        for (var i = 0; i < 10; i++)
        {
            using var response = await api.Http.UploadAsync(TestPdf.WithPages($"short {i}"), $"short-{i}.pdf");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await Eventually.Until(() => IndexedLine().Matches(idle!.Output).Count == 10, Timeout, "the idle indexer to take the short documents");
        Assert.DoesNotContain("Indexed uploads/long.pdf", busy!.Output, StringComparison.Ordinal); // still busy with it
        Assert.DoesNotContain("Indexing uploads/short-", busy.Output, StringComparison.Ordinal); // prefetch 1: none waited behind it
        await api.Http.WaitForStatusAsync(Aithena.Contracts.DocumentIds.FromPath("uploads/long.pdf"), Timeout, "indexed");
    }
}
