using System.Net;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Indexer;

/// <summary>Poison documents go to the error queue once, and an operator can send them back once the cause is fixed.</summary>
public sealed class ErrorQueueTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private TestSystem _system = null!;
    private ServiceHost _api = null!;
    private ServiceHost _indexer = null!;

    private PrivateBroker Broker => shared.Broker;
    private string _vhost => _system.VirtualHost;
    private TestLibrary _library => _system.Library;

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        _api = await _system.StartApiAsync();
        _indexer = await _system.StartIndexerAsync();
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private async Task<string> UploadAsync(byte[] pdf, string name)
    {
        using var response = await _api.Http.UploadAsync(pdf, name);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.UploadIdAsync();
    }

    [Fact]
    public async Task Poison_documents_reach_the_error_queue_once_and_the_documents_behind_them_still_get_indexed()
    {
        var poison = new List<string>();
        var good = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            poison.Add(await UploadAsync(TestPdf.Truncated().Concat(BitConverter.GetBytes(i)).ToArray(), $"poison-{i}.pdf"));
            good.Add(await UploadAsync(TestPdf.WithPages($"healthy document {i}"), $"good-{i}.pdf"));
        }

        foreach (var id in good)
        {
            await _api.Http.WaitForStatusAsync(id, Timeout, "indexed");
        }

        foreach (var id in poison)
        {
            await _api.Http.WaitForStatusAsync(id, Timeout, "failed");
        }

        var errors = await Eventually.Until(() => Broker.PeekAsync(_vhost, QueueNames.IndexDocument + "_error"), m => m.Count >= 5, Timeout, "five faults");
        Assert.Equal(5, errors.Count);
        Assert.Equal(poison.Order(), errors.Select(e => e.MessageAs<IndexDocument>().DocumentId!).Order());
        Assert.Empty(await Broker.PeekAsync(_vhost, QueueNames.IndexDocument));
    }

    [Fact]
    public async Task An_operator_sends_the_error_queue_back_once_the_cause_is_fixed_and_the_documents_get_indexed()
    {
        var id = await UploadAsync(TestPdf.Truncated(), "was-broken.pdf");
        Assert.Contains("corrupt", (await _api.Http.WaitForStatusAsync(id, Timeout, "failed")).FailureReason);
        await Eventually.Until(() => Broker.PeekAsync(_vhost, QueueNames.IndexDocument + "_error"), m => m.Count == 1, Timeout, "the fault");

        // The cause is fixed: a good copy of the file replaces the broken one.
        await File.WriteAllBytesAsync(Path.Combine(_library.UploadsPath, "was-broken.pdf"), TestPdf.WithPages("repaired at last"), TestContext.Current.CancellationToken);
        var output = await Broker.RequeueErrorsAsync(_vhost, QueueNames.IndexDocument);

        Assert.Contains("back to index-document", output, StringComparison.Ordinal);
        await _api.Http.WaitForStatusAsync(id, Timeout, "indexed");
        Assert.Equal(1, (await _api.Http.GetAsync<SearchResponse>("/v1/search?q=repaired")).Total);
        Assert.Empty(await Broker.PeekAsync(_vhost, QueueNames.IndexDocument + "_error"));
    }
}
