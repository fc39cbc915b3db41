using System.Net;
using Aithena.Semantic.Passages;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Semantic;

/// <summary>
/// Meaning-search visible while it catches up: a document waiting for its embeddings says, through the Api, how many
/// of its passages wait (estimated from its text length, its text never read for it), what waits ahead of it, and the
/// embedders' pace once they run; the library's backlog in all (the status page's) says the same. A stand-in model
/// keeps the real one out (<see cref="HashingEmbeddingGenerator"/>); on both catalog engines
/// (<see cref="SqliteEmbeddingProgressTests"/>, <see cref="PostgresEmbeddingProgressTests"/>).
/// </summary>
public abstract class EmbeddingProgressTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private TestSystem _system = null!;
    private (string, string?)[] _settings = [];

    /// <summary>The catalog the services share: null for the test system's own SQLite file, else a connection string.</summary>
    protected abstract Task<string?> CreateCatalogAsync();

    protected abstract Task DeleteCatalogAsync();

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        var catalog = await CreateCatalogAsync();
        _settings = catalog is null ? [] : [("ConnectionStrings:catalog", catalog)];
    }

    public async ValueTask DisposeAsync()
    {
        await _system.DisposeAsync();
        await DeleteCatalogAsync();
    }

    private static void WithStandInModel(IServiceCollection services) =>
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator());

    /// <summary>The stand-in model, and the engine's own passage store behind one that counts reads of a whole text.</summary>
    private static void WithStandInModelAndCountedTextReads(IServiceCollection services)
    {
        WithStandInModel(services);
        var engineStore = services.Last(d => d.ServiceType == typeof(IPassageStore)).ImplementationType!;
        services.AddSingleton(provider => new TextReadCountingStore((IPassageStore)ActivatorUtilities.CreateInstance(provider, engineStore)));
        services.AddSingleton<IPassageStore>(provider => provider.GetRequiredService<TextReadCountingStore>());
    }

    [Fact]
    public async Task A_pending_document_says_its_passages_waiting_estimated_from_its_text_length_unread_what_is_ahead_and_the_pace_once_an_embedder_runs()
    {
        var api = await _system.StartAsync(ServiceHost.StartApiAsync, WithStandInModelAndCountedTextReads, _settings);
        await _system.StartIndexerAsync([("Embeddings:Model", "MiniLM"), .. _settings]);
        var ids = new List<string>();
        // Names of one length: the two texts are as long as each other.
        foreach (var name in new[] { "older", "newer" })
        {
            var pages = Enumerable.Range(1, 3).Select(p => $"The {name} document, page {p}: " + string.Join(' ', Enumerable.Repeat("words to embed", 60))).ToArray();
            using var upload = await api.Http.UploadAsync(TestPdf.WithPages(pages), $"{name}.pdf");
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
            ids.Add(await upload.UploadIdAsync());
            await api.Http.WaitForStatusAsync(ids[^1], Timeout, "indexed");
        }

        // No Embedder yet: both wait, the second behind the first, and nothing was embedded lately.
        var waiting = await api.Http.GetAsync<EmbeddingProgress>($"/v1/documents/{ids[1]}/embeddings");
        Assert.Equal(EmbeddingStatus.Pending, waiting.Status);
        Assert.True(waiting.PassagesWaiting >= 3, $"{waiting.PassagesWaiting} passages waiting for three long pages");
        Assert.Equal(1, waiting.DocumentsAhead);
        Assert.True(waiting.PassagesAhead > 0);
        Assert.Equal(2, waiting.DocumentsWaiting);
        Assert.True(waiting.PassagesWaitingInAll >= waiting.PassagesAhead);
        Assert.Null(waiting.PassagesPerSecond);
        Assert.Null(waiting.EstimatedWait);
        // Its own passages estimated as those ahead are, from the text length at the library's ratio: a text as long
        // as the one ahead makes as many passages. Its text is never read (nor split) for it (checked below).
        var lengths = await Task.WhenAll(ids.Select(async id => (await api.Http.GetAsync<DocumentResponse>($"/v1/documents/{id}")).TextLength));
        Assert.True(lengths[0] > 0 && lengths[0] == lengths[1], $"text lengths {lengths[0]} and {lengths[1]}");
        Assert.Equal(waiting.PassagesAhead, (long)waiting.PassagesWaiting!);
        var first = await api.Http.GetAsync<EmbeddingProgress>($"/v1/documents/{ids[0]}/embeddings");
        Assert.Equal(0, first.DocumentsAhead);
        var library = await api.Http.GetAsync<LibraryEmbeddingProgress>("/v1/embeddings");
        Assert.Equal((EmbeddingStatus.Pending, 2, waiting.PassagesWaitingInAll), (library.Status, library.DocumentsWaiting, library.PassagesWaiting));
        Assert.Null(library.PassagesPerSecond);
        Assert.Null(library.EstimatedWait);
        Assert.Equal(0, api.Services.GetRequiredService<TextReadCountingStore>().TextReads);

        await _system.StartAsync(ServiceHost.StartEmbedderAsync, WithStandInModel, _settings);
        var done = await Eventually.Until(() => api.Http.GetAsync<EmbeddingProgress>($"/v1/documents/{ids[1]}/embeddings"),
            p => p.Status == EmbeddingStatus.Done, Timeout, "the second document's embeddings to be done");
        Assert.Null(done.PassagesWaiting);
        Assert.Equal(0, done.DocumentsWaiting);
        Assert.True(done.PassagesPerSecond > 0, "the pace of the last minutes counts what was just embedded");
        var caughtUp = await api.Http.GetAsync<LibraryEmbeddingProgress>("/v1/embeddings");
        Assert.Equal((EmbeddingStatus.Done, 0, 0L), (caughtUp.Status, caughtUp.DocumentsWaiting, caughtUp.PassagesWaiting));
        Assert.True(caughtUp.PassagesPerSecond > 0);

        using var unknown = await api.Http.GetAsync("/v1/documents/0000000000000000/embeddings", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
