using System.Net.Http.Json;
using Aithena.Semantic.Passages;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Semantic;

/// <summary>
/// An embedding that faults for good marks the document's embeddings failed with the reason, never pending forever;
/// running out of memory is tried again once memory is freed. The Api, Indexer and Embedder on a real broker with a
/// stand-in model (<see cref="FaultyEmbeddingGenerator"/>), on both catalog engines
/// (<see cref="SqliteEmbeddingFailureTests"/>, <see cref="PostgresEmbeddingFailureTests"/>).
/// </summary>
public abstract class EmbeddingFailureTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private TestSystem _system = null!;
    private ServiceHost _api = null!;
    private ServiceHost _embedder = null!;

    /// <summary>The catalog the services share: null for the test system's own SQLite file, else a connection string.</summary>
    protected abstract Task<string?> CreateCatalogAsync();

    protected abstract Task DeleteCatalogAsync();

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        var catalog = await CreateCatalogAsync();
        (string, string?)[] settings = catalog is null ? [] : [("ConnectionStrings:catalog", catalog)];
        _api = await _system.StartAsync(ServiceHost.StartApiAsync, StandInModel, settings);
        await _system.StartIndexerAsync([("Embeddings:Model", "MiniLM"), .. settings]);
        _embedder = await _system.StartAsync(ServiceHost.StartEmbedderAsync,
            services => services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new FaultyEmbeddingGenerator()), settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _system.DisposeAsync();
        await DeleteCatalogAsync();
    }

    private static void StandInModel(IServiceCollection services) =>
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator());

    [Fact]
    public async Task An_embedding_that_faults_for_good_marks_the_embeddings_failed_with_the_reason_and_keyword_search_still_finds_it()
    {
        var id = await UploadAsync("A page the model chokes on: poison ivy grows by the fence.", "poison.pdf");

        var document = await WaitForEmbeddingsAsync(id, EmbeddingStatus.Failed);
        Assert.Contains("Gave up after 6 attempts", document.EmbeddingsFailureReason, StringComparison.Ordinal);
        Assert.Contains("cannot digest this passage", document.EmbeddingsFailureReason, StringComparison.Ordinal);
        await Eventually.Until(() => _system.Broker.PeekAsync(_system.VirtualHost, QueueNames.EmbedDocument + "_error"), m => m.Count == 1, Timeout,
            "the message in embed-document_error");
        Assert.Equal(1, (await _api.Http.GetAsync<SearchResponse>("/v1/search?q=ivy&mode=keyword")).Total);
        // The list shows the status too; the reason is the document's own record.
        var listed = await _api.Http.GetAsync<DocumentPage>("/v1/documents");
        Assert.Equal(EmbeddingStatus.Failed, Assert.Single(listed.Items, d => d.Id == id).Embeddings);
    }

    [Fact]
    public async Task An_embedding_that_ran_out_of_memory_is_tried_again_and_ends_done()
    {
        var id = await UploadAsync("A page that needs room: squeeze the orange for juice.", "squeeze.pdf");

        var document = await WaitForEmbeddingsAsync(id, EmbeddingStatus.Done);
        Assert.Null(document.EmbeddingsFailureReason);
        Assert.Equal(FaultyEmbeddingGenerator.OutOfMemoryTimes, _embedder.Logs.Text().Split('\n').Count(l => l.Contains("ran out of memory", StringComparison.Ordinal)));
        Assert.Empty(await _system.Broker.PeekAsync(_system.VirtualHost, QueueNames.EmbedDocument + "_error"));
    }

    private async Task<string> UploadAsync(string text, string name)
    {
        using var upload = await _api.Http.UploadAsync(TestPdf.WithPages(text), name);
        return await upload.UploadIdAsync();
    }

    private Task<DocumentResponse> WaitForEmbeddingsAsync(string id, string status) =>
        Eventually.Until(async () => (await _api.Http.GetFromJsonAsync<DocumentResponse>($"/v1/documents/{id}", TestContext.Current.CancellationToken))!,
            d => d.Embeddings == status, Timeout, $"the embeddings of {id} to be {status}");
}
