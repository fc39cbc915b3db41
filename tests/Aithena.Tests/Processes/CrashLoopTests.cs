using System.Net;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Processes;

/// <summary>
/// A document that takes the Indexer down every time is not a crash loop: the queue's delivery limit (the policy of
/// scripts/broker.sh) sets it aside, and the document ends failed with a reason that names the crashes.
/// </summary>
public sealed class CrashLoopTests(SharedBroker shared) : IAsyncLifetime
{
    private const int DeliveryLimit = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<byte[]> SlowPdf = new(() =>
        TestPdf.Create(Enumerable.Range(1, 2500).Select(i => $"Page {i} of a document that never gets finished.").ToList()));

    private TestSystem _system = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        await shared.Broker.SetPolicyAsync(_system.VirtualHost, DeliveryLimit);
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task A_document_that_kills_the_indexer_every_time_is_dead_lettered_after_the_delivery_limit_and_marked_failed()
    {
        var api = await _system.StartApiAsync();
        string id;
        using (var response = await api.Http.UploadAsync(SlowPdf.Value, "killer.pdf"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            id = await response.UploadIdAsync();
        }

        // The first delivery and every redelivery up to the limit: each Indexer dies holding the message.
        for (var delivery = 1; delivery <= DeliveryLimit + 1; delivery++)
        {
            // PdfPig: the document keeps it busy for seconds, long enough to be killed holding it (MuPDF reads it in one).
            var doomed = await _system.StartProcessAsync("Aithena.Indexer", ("Indexer:MaxPages", "10000"), ("Indexer:TextExtractor", "PdfPig"));
            await Eventually.Until(() => doomed.Output.Contains("Indexing uploads/killer.pdf", StringComparison.Ordinal), Timeout, $"delivery {delivery} to reach an Indexer");
            doomed.Kill();
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        var survivor = await _system.StartProcessAsync("Aithena.Indexer", ("Indexer:MaxPages", "10000"));
        using (var next = await api.Http.UploadAsync(TestPdf.WithPages("life goes on"), "next.pdf"))
        {
            await api.Http.WaitForStatusAsync(await next.UploadIdAsync(), Timeout, "indexed");
        }

        var parked = await Eventually.Until(() => _system.Broker.PeekAsync(_system.VirtualHost, QueueNames.IndexDocumentCrashed + "_error"), m => m.Count == 1, Timeout, "the message in index-document_crashed_error");
        Assert.Equal("delivery_limit", parked[0].Header("x-first-death-reason"));
        Assert.Equal(id, parked[0].MessageAs<IndexDocument>().DocumentId);

        var document = await api.Http.WaitForStatusAsync(id, Timeout, "failed");
        var reason = document.FailureReason;
        Assert.Contains("crashed or was killed", reason, StringComparison.Ordinal);
        Assert.Contains("delivery limit", reason, StringComparison.Ordinal);
        Assert.Equal(reason, parked[0].Header("MT-Fault-Message"));
        Assert.DoesNotContain("Indexing uploads/killer.pdf (attempt", survivor.Output, StringComparison.Ordinal);
        Assert.False(survivor.HasExited);

        Assert.Empty(await _system.Broker.PeekAsync(_system.VirtualHost, QueueNames.IndexDocument));
        Assert.Empty(await _system.Broker.PeekAsync(_system.VirtualHost, QueueNames.IndexDocument + "_error"));

        // The operator fixes the cause (here: a file that no longer takes minutes) and sends the document back.
        await File.WriteAllBytesAsync(Path.Combine(_system.Library.UploadsPath, "killer.pdf"), TestPdf.WithPages("tamed at last"), TestContext.Current.CancellationToken);
        await _system.Broker.RequeueErrorsAsync(_system.VirtualHost, QueueNames.IndexDocumentCrashed, to: QueueNames.IndexDocument);
        await api.Http.WaitForStatusAsync(id, Timeout, "indexed");
    }
}
