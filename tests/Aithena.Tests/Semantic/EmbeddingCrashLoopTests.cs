using System.Net;
using System.Net.Http.Json;
using Aithena.Api.Documents;
using Aithena.Contracts;
using Aithena.Semantic.Passages;
using Aithena.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Semantic;

/// <summary>
/// Embedding that kills the Embedder every time cannot loop forever: the broker's policy caps embed-document's deliveries
/// and sets the message aside in embed-document_crashed, where the Embedder marks the document's embeddings failed.
/// </summary>
public sealed class EmbeddingCrashLoopTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private TestSystem _system = null!;
    private ServiceHost _api = null!;
    private ServiceHost _embedder = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        _api = await _system.StartApiAsync(("Embeddings:Model", "MiniLM"));
        await _system.StartIndexerAsync(("Embeddings:Model", "MiniLM"));
        _embedder = await _system.StartEmbedderAsync(("Embeddings:Model", "MiniLM"));
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task A_set_aside_embed_command_marks_the_embeddings_failed_and_parks_the_message_and_keyword_search_still_finds_it()
    {
        var policies = await _system.Broker.CtlAsync("list_policies", "-p", _system.VirtualHost);
        Assert.Contains("aithena-embed-document", policies, StringComparison.Ordinal);
        Assert.Contains("embed-document_crashed", policies, StringComparison.Ordinal);

        using var upload = await _api.Http.UploadAsync(TestPdf.WithPages("A page about quasars and their jets."), "Quasars.pdf");
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = await upload.UploadIdAsync();
        await WaitForEmbeddingsAsync(id, EmbeddingStatus.Done);

        // What the broker does past the delivery limit: the message lands in embed-document_crashed.
        var bus = _embedder.Services.GetRequiredService<IBus>();
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{QueueNames.EmbedDocumentCrashed}"));
        await endpoint.Send(new EmbedDocument(id, "uploads/Quasars.pdf", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        await WaitForEmbeddingsAsync(id, EmbeddingStatus.Failed);
        await Eventually.Until(() => _system.Broker.PeekAsync(_system.VirtualHost, QueueNames.EmbedDocumentCrashed + "_error"), m => m.Count == 1, Timeout,
            "the message in embed-document_crashed_error");
        var found = await _api.Http.GetAsync<SearchResponse>("/v1/search?q=quasars&mode=keyword");
        Assert.Equal(1, found.Total);
    }

    private Task<DocumentResponse?> WaitForEmbeddingsAsync(string id, string status) =>
        Eventually.Until(() => _api.Http.GetFromJsonAsync<DocumentResponse>($"/v1/documents/{id}", TestContext.Current.CancellationToken),
            d => d!.Embeddings == status, Timeout, $"the embeddings of {id} to be {status}");
}
