using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aithena.Semantic.Passages;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Semantic;

/// <summary>
/// Embedding as a stage of its own: the Indexer indexes with no model and only asks for embeddings; Embedders take
/// embed-document one message at a time, so more of them embed more documents at once, each exactly once. A stand-in
/// model (<see cref="HashingEmbeddingGenerator"/>) keeps these tests off the real one: they are about the pipeline.
/// </summary>
public sealed partial class EmbedderTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private static void WithStandInModel(IServiceCollection services) =>
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator());

    [Fact]
    public async Task The_indexer_indexes_with_no_model_loaded_and_asks_for_the_embeddings_on_the_embed_queue()
    {
        var api = await _system.StartApiAsync();
        // The default model is configured: the Indexer asks for embeddings, yet holds no model of its own.
        var indexer = await _system.StartIndexerAsync(("Embeddings:Model", "MiniLM"));
        Assert.Null(indexer.Services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Null(indexer.Services.GetService<DocumentEmbedder>());

        using var upload = await api.Http.UploadAsync(TestPdf.WithPages("Words indexed by a modelless Indexer."), "modelless.pdf");
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = await upload.UploadIdAsync();
        await api.Http.WaitForStatusAsync(id, Timeout, "indexed");
        Assert.Equal(1, (await api.Http.GetAsync<SearchResponse>("/v1/search?q=modelless")).Total);

        // The request waits on its queue for an Embedder; the Indexer does not consume it.
        var waiting = await Eventually.Until(() => _system.Broker.PeekAsync(_system.VirtualHost, QueueNames.EmbedDocument), m => m.Count == 1, Timeout,
            "the embed-document request on its queue");
        Assert.Equal(id, waiting[0].MessageAs<EmbedDocument>().DocumentId);
        Assert.DoesNotContain(await _system.Broker.ConsumersAsync(_system.VirtualHost), c => c.Queue == QueueNames.EmbedDocument);
    }

    [Fact]
    public async Task Two_embedders_share_the_queue_one_message_at_a_time_and_embed_each_document_exactly_once()
    {
        var api = await _system.StartAsync(ServiceHost.StartApiAsync, WithStandInModel);
        await _system.StartIndexerAsync(("Embeddings:Model", "MiniLM"));
        var embedders = new[]
        {
            await _system.StartAsync(ServiceHost.StartEmbedderAsync, WithStandInModel),
            await _system.StartAsync(ServiceHost.StartEmbedderAsync, WithStandInModel),
        };
        var consumers = await Eventually.Until(() => _system.Broker.ConsumersAsync(_system.VirtualHost),
            c => c.Count(x => x.Queue == QueueNames.EmbedDocument) == 2, Timeout, "two consumers on embed-document");
        Assert.All(consumers.Where(c => c.Queue == QueueNames.EmbedDocument), c => Assert.Equal(1, c.Prefetch));

        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            using var upload = await api.Http.UploadAsync(TestPdf.WithPages($"Document number {i} about sharing the work.", $"Its second page, {i}."), $"shared-{i}.pdf");
            ids.Add(await upload.UploadIdAsync());
        }

        foreach (var id in ids)
        {
            await Eventually.Until(() => api.Http.GetFromJsonAsync<DocumentResponse>($"/v1/documents/{id}", TestContext.Current.CancellationToken),
                d => d!.Embeddings == EmbeddingStatus.Done, Timeout, $"the embeddings of {id} to be done");
        }

        // Each document was embedded by one Embedder, once: no message went to both, none twice.
        var embedded = embedders.SelectMany(e => EmbeddedLine().Matches(e.Logs.Text()).Select(m => m.Groups["path"].Value)).ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"uploads/shared-{i}.pdf").Order(), embedded.Order());
    }

    [GeneratedRegex(@"Embedded (?<path>\S+): Embedded,")]
    private static partial Regex EmbeddedLine();
}
