using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Aithena.Semantic.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aithena.SemanticBench;

/// <summary>A catalog in a temporary folder with the real search stack over it, as the Api composes it.</summary>
public sealed class Harness : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "aithena-semantic-" + Guid.NewGuid().ToString("N"));

    private Harness(IEmbeddingGenerator<string, Embedding<float>> generator, EmbeddingOptions embedding, SemanticSearchOptions search, PassageSplitter splitter)
    {
        Directory.CreateDirectory(_folder);
        Database = new SqliteCatalogDatabase(Options.Create(new CatalogOptions { Catalog = $"Data Source={Path.Combine(_folder, "catalog.db")}" }));
        Catalog = new SqliteDocumentCatalog(Database, TimeProvider.System);
        Store = new SqlitePassageStore(Database, TimeProvider.System);
        Generator = generator;
        Embedder = new DocumentEmbedder(Store, splitter, generator);
        Index = new VectorIndex();
        Sync = new VectorIndexSync(Index, Store, generator, Options.Create(embedding), Options.Create(search), NullLogger<VectorIndexSync>.Instance);
        Search = new DocumentSearch(new SqliteCatalogSearch(Database), Index, Sync, generator, Store, Options.Create(embedding), Options.Create(search));
    }

    public SqliteCatalogDatabase Database { get; }
    public SqliteDocumentCatalog Catalog { get; }
    public SqlitePassageStore Store { get; }
    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }
    public DocumentEmbedder Embedder { get; }
    public VectorIndex Index { get; }
    public VectorIndexSync Sync { get; }
    public DocumentSearch Search { get; }

    /// <param name="splitter">How passages are cut; the Embedder's default when null.</param>
    public static async Task<Harness> CreateAsync(IEmbeddingGenerator<string, Embedding<float>> generator, EmbeddingOptions embedding, SemanticSearchOptions? search = null, PassageSplitter? splitter = null)
    {
        var harness = new Harness(generator, embedding, search ?? new SemanticSearchOptions { PollInterval = TimeSpan.FromHours(1) }, splitter ?? new PassageSplitter());
        await using var connection = await harness.Database.OpenAsync();
        await SqliteCatalogSchema.MigrateAsync(connection);
        return harness;
    }

    public Task IndexAsync(string id, string title, params string[] pages) =>
        Catalog.SaveIndexedAsync(new IndexedDocument(id, $"eval/{id}.pdf", 100, DateTimeOffset.UnixEpoch, "hash-" + id,
            new DocumentMetadata(title, "Evaluation", 2026, null, "en"), pages, DocumentSource.Lister, null));

    /// <summary>Starts the vector loader as the Api does and waits until everything in the catalog is in memory.</summary>
    public async Task<TimeSpan> LoadVectorsAsync()
    {
        await Sync.StartAsync(CancellationToken.None);
        await Sync.WaitUntilLoadedAsync(CancellationToken.None);
        return Sync.LoadTime ?? TimeSpan.Zero;
    }

    public async ValueTask DisposeAsync()
    {
        await Sync.StopAsync(CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
