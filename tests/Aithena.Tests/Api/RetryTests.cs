using System.Net;
using System.Net.Http.Json;
using Aithena.Api.Documents;
using Aithena.Api.Upload;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Api;

/// <summary><c>POST /v1/documents/{id}/retry</c> against a real broker: a failed document goes back to the Indexer once.</summary>
public sealed class RetryTests(SharedBroker shared) : IAsyncLifetime
{
    private readonly TestLibrary _library = new();
    private string _vhost = "";
    private ServiceHost _api = null!;

    private PrivateBroker Broker => shared.Broker;
    private HttpClient Http => _api.Http;
    private IDocumentCatalog Catalog => _api.Services.GetRequiredService<IDocumentCatalog>();

    public async ValueTask InitializeAsync()
    {
        _vhost = await Broker.CreateVirtualHostAsync();
        _api = await ServiceHost.StartApiAsync(Settings.For(Broker, _vhost, _library));
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _library.Dispose();
    }

    [Fact]
    public async Task Retrying_a_failed_document_queues_it_and_sends_one_command_even_when_pressed_twice()
    {
        var document = await UploadFailedDocumentAsync("broken by a limit");

        using var first = await Http.PostAsync($"/v1/documents/{document.Id}/retry", null, TestContext.Current.CancellationToken);
        using var second = await Http.PostAsync($"/v1/documents/{document.Id}/retry", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal($"/v1/documents/{document.Id}", first.Headers.Location?.ToString());
        var queued = await first.Content.ReadFromJsonAsync<DocumentResponse>(TestContext.Current.CancellationToken);
        Assert.Equal(DocumentStatus.Queued, queued!.Status);
        Assert.Null(queued.FailureReason);
        Assert.Equal(DocumentStatus.Queued, (await second.Content.ReadFromJsonAsync<DocumentResponse>(TestContext.Current.CancellationToken))!.Status);

        // The upload's command, then exactly one more: the second press found the document queued and sent nothing.
        var messages = await Broker.PeekAsync(_vhost, QueueNames.IndexDocument);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(document.Id, m.MessageAs<IndexDocument>().DocumentId));
        Assert.Equal(2, messages[1].DeliveryMode);
    }

    [Fact]
    public async Task Retrying_an_unknown_or_removed_document_is_refused_and_sends_nothing()
    {
        var document = await UploadFailedDocumentAsync("gone");
        await Catalog.MarkRemovedAsync(document.Id, TestContext.Current.CancellationToken);

        using var removed = await Http.PostAsync($"/v1/documents/{document.Id}/retry", null, TestContext.Current.CancellationToken);
        using var unknown = await Http.PostAsync($"/v1/documents/{DocumentIds.FromPath("nowhere.pdf")}/retry", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, removed.StatusCode);
        Assert.Equal("application/problem+json", removed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Single(await Broker.PeekAsync(_vhost, QueueNames.IndexDocument)); // the upload's own command only
    }

    private async Task<DocumentResponse> UploadFailedDocumentAsync(string reason)
    {
        using var upload = await Http.UploadAsync(TestPdf.WithPages("to be retried"), $"{reason}.pdf");
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var accepted = (await upload.Content.ReadFromJsonAsync<UploadAccepted>(TestContext.Current.CancellationToken))!;
        var record = (await Catalog.FindAsync(accepted.UploadId, TestContext.Current.CancellationToken))!;
        // As the Indexer records a permanent fault (no Indexer runs here: the command stays queued).
        await Catalog.MarkFailedAsync(record.Id, record.Path, reason, TestContext.Current.CancellationToken);
        var failed = await Http.GetFromJsonAsync<DocumentResponse>($"/v1/documents/{record.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(DocumentStatus.Failed, failed!.Status);
        return failed;
    }
}
