using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Semantic.Passages;
using Aithena.Semantic.Search;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Semantic;

/// <summary>The SQLite passage store and the embedder over it, without a broker or a model.</summary>
public sealed class PassageStoreTests : IAsyncLifetime
{
    private const string Model = "hashing";
    private readonly TestLibrary _library = new();
    private SqliteDocumentCatalog _catalog = null!;
    private SqlitePassageStore _store = null!;
    private DocumentEmbedder _embedder = null!;

    public async ValueTask InitializeAsync()
    {
        var database = new SqliteCatalogDatabase(Options.Create(new CatalogOptions { Catalog = _library.CatalogConnectionString }));
        await using (var connection = await database.OpenAsync())
        {
            await SqliteCatalogSchema.MigrateAsync(connection);
        }

        _catalog = new SqliteDocumentCatalog(database, TimeProvider.System);
        _store = new SqlitePassageStore(database, TimeProvider.System);
        _embedder = new DocumentEmbedder(_store, new PassageSplitter(maxWords: 12, overlapWords: 4), new HashingEmbeddingGenerator());
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _library.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task IndexAsync(string id, params string[] pages) =>
        _catalog.SaveIndexedAsync(new IndexedDocument(id, id + ".pdf", 100, DateTimeOffset.UnixEpoch, "hash", new DocumentMetadata(id, "Someone", 2001, null, "en"),
            pages, DocumentSource.Upload, null));

    [Fact]
    public async Task Embedding_again_replaces_the_passages_and_a_repeated_command_changes_nothing()
    {
        await IndexAsync("a", "One sentence here. Another sentence there. And a third one to make it longer than twelve words in all.");
        Assert.Equal(EmbeddingStatus.Pending, (await _store.GetStatusesAsync(["a"], Model, default))["a"]);

        var (first, count) = await _embedder.EmbedAsync("a", default);
        Assert.Equal(EmbedOutcome.Embedded, first);
        Assert.True(count >= 2);
        Assert.Equal(EmbeddingStatus.Done, (await _store.GetStatusesAsync(["a"], Model, default))["a"]);

        // A redelivered command: nothing new is written.
        Assert.Equal((EmbedOutcome.AlreadyDone, count), await _embedder.EmbedAsync("a", default));
        var changes = await _store.ReadChangesAsync(0, Model, 100, default);
        Assert.Equal(count, Assert.Single(changes.Documents).Passages.Count);

        // Indexed again: pending until embedded again, then exactly one set of passages.
        await IndexAsync("a", "Completely new text.");
        Assert.Equal(EmbeddingStatus.Pending, (await _store.GetStatusesAsync(["a"], Model, default))["a"]);
        Assert.Equal((EmbedOutcome.Embedded, 1), await _embedder.EmbedAsync("a", default));
        var after = await _store.ReadChangesAsync(changes.Version, Model, 100, default);
        var passage = Assert.Single(Assert.Single(after.Documents).Passages);
        Assert.Equal("Completely new text.", (await _store.ReadPassageTextsAsync([passage.PassageId], default))[passage.PassageId]);
    }

    [Fact]
    public async Task A_removed_document_loses_its_passages_and_readers_see_it_go()
    {
        await IndexAsync("b", "Some text about something.");
        await _embedder.EmbedAsync("b", default);
        var index = new VectorIndex();
        var loaded = await _store.ReadChangesAsync(0, Model, 100, default);
        foreach (var document in loaded.Documents)
        {
            index.Apply(document);
        }

        Assert.True(index.Contains("b"));

        await _catalog.MarkRemovedAsync("b");
        var gone = await _store.ReadChangesAsync(loaded.Version, Model, 100, default);
        index.Apply(Assert.Single(gone.Documents));
        Assert.False(index.Contains("b"));
        Assert.Equal(0, index.PassageCount);
        Assert.Equal((EmbedOutcome.NotIndexed, 0), await _embedder.EmbedAsync("b", default));
    }

    [Fact]
    public void Int8_vectors_keep_cosine_similarity_within_a_hundredth()
    {
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var a = Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            var b = Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            VectorCodec.Normalize(a);
            VectorCodec.Normalize(b);
            var (bytes, scale) = VectorCodec.Quantize(a);
            var back = new float[384];
            VectorCodec.Dequantize(bytes, scale, back);
            Assert.InRange(System.Numerics.Tensors.TensorPrimitives.Dot(back, b) - System.Numerics.Tensors.TensorPrimitives.Dot(a, b), -0.01f, 0.01f);
        }
    }
}
