using Aithena.Api.Documents;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Semantic.Passages;
using Aithena.Tests.Semantic;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aithena.Tests.Catalog;

/// <summary>
/// Metadata a librarian corrected, on both engines (<see cref="SqliteMetadataCorrectionTests"/>,
/// <see cref="PostgresMetadataCorrectionTests"/>): search, its facets, filters and sorts read the corrected values,
/// re-indexing keeps them, and clearing a correction brings back what extraction found.
/// </summary>
public abstract class MetadataCorrectionTests : IAsyncLifetime
{
    private CatalogStore _store = null!;
    private NpgsqlDataSource? _dataSource;
    private IMetadataCorrections _corrections = null!;
    private IPassageStore _passages = null!;
    private string _connectionString = "";

    protected abstract Task<string> CreateCatalogAsync();

    protected abstract Task DeleteCatalogAsync(string connectionString);

    public async ValueTask InitializeAsync()
    {
        _connectionString = await CreateCatalogAsync();
        _store = await CatalogStore.OpenMigratedAsync(_connectionString);
        if (_store.Engine == CatalogEngine.Postgres)
        {
            _dataSource = NpgsqlDataSource.Create(_connectionString);
            _corrections = new PostgresMetadataCorrections(_dataSource, TimeProvider.System);
            _passages = new PostgresPassageStore(_dataSource, TimeProvider.System);
        }
        else
        {
            var database = new SqliteCatalogDatabase(Options.Create(new CatalogOptions { Catalog = _connectionString }));
            _corrections = new SqliteMetadataCorrections(database, TimeProvider.System);
            _passages = new SqlitePassageStore(database, TimeProvider.System);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await DeleteCatalogAsync(_connectionString);
    }

    private Task Index(string id, string title, string author, int? year, string? category, string? language, string text) =>
        _store.Documents.SaveIndexedAsync(new IndexedDocument(id, id + ".pdf", 100, DateTimeOffset.UnixEpoch, "hash-" + id,
            new DocumentMetadata(title, author, year, category, language), [text], DocumentSource.Lister, null));

    private Task<SearchResults> Search(string? query, string? author = null, SearchSort? sort = null) =>
        _store.Search.SearchAsync(new SearchRequest(query, Author: author, Sort: sort));

    [Fact]
    public async Task A_corrected_author_changes_the_facets_the_filter_and_the_sort()
    {
        await Index("d1", "Robots", "Unknown Scanner", 1950, "Fiction", "en", "robots and laws");
        await Index("d2", "Solaris", "Lem", 1961, "Fiction", "pl", "robots on an ocean planet");

        Assert.True(await _corrections.CorrectAsync("d1", new MetadataFields(null, "Asimov", null, null, null), "libby"));

        var all = await Search("robots");
        Assert.Equal([new FacetValue("Asimov", 1), new FacetValue("Lem", 1)], all.Facets.Author);
        Assert.Equal("Asimov", all.Results.Single(r => r.Id == "d1").Author);
        Assert.Equal(["d1"], (await Search("robots", author: "asimov")).Results.Select(r => r.Id));
        Assert.Empty((await Search("robots", author: "Unknown Scanner")).Results);
        Assert.Equal(["d1", "d2"], (await Search(null, sort: SearchSort.Author)).Results.Select(r => r.Id));
        var document = await _store.Documents.FindAsync("d1");
        Assert.Equal("Asimov", document!.Author);
        Assert.Equal("Robots", document.Title);
    }

    [Fact]
    public async Task Every_field_can_be_corrected_and_the_correction_says_what_extraction_found_and_who_corrected()
    {
        await Index("d1", "scan 0001", "Unknown", null, null, null, "robots");

        await _corrections.CorrectAsync("d1", new MetadataFields("I, Robot", "Asimov", 1950, "Fiction", "en"), "libby");

        var hit = Assert.Single((await Search("robots")).Results);
        Assert.Equal(("I, Robot", "Asimov", (int?)1950, "Fiction", "en"), (hit.Title, hit.Author, hit.Year, hit.Category, hit.Language));
        var correction = await _corrections.FindAsync("d1");
        Assert.NotNull(correction);
        Assert.Equal(new MetadataFields("I, Robot", "Asimov", 1950, "Fiction", "en"), correction.Corrected);
        Assert.Equal(new MetadataFields("scan 0001", "Unknown", null, null, null), correction.Extracted);
        Assert.Equal("libby", correction.CorrectedBy);
        Assert.InRange(correction.CorrectedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Re_indexing_keeps_the_correction_and_records_what_extraction_found_this_time()
    {
        await Index("d1", "Robots", "Unknown", 1950, null, "en", "robots");
        await _corrections.CorrectAsync("d1", new MetadataFields(null, "Asimov", null, null, null), "libby");

        await Index("d1", "Robots, second edition", "Still Unknown", 1951, null, "en", "robots again");

        var hit = Assert.Single((await Search("robots")).Results);
        Assert.Equal("Asimov", hit.Author);
        Assert.Equal("Robots, second edition", hit.Title);
        Assert.Equal(1951, hit.Year);
        Assert.Equal([new FacetValue("Asimov", 1)], (await Search("again")).Facets.Author);
        var correction = await _corrections.FindAsync("d1");
        Assert.Equal(new MetadataFields("Robots, second edition", "Still Unknown", 1951, null, "en"), correction!.Extracted);
    }

    [Fact]
    public async Task Clearing_a_correction_brings_back_what_extraction_found()
    {
        await Index("d1", "Robots", "Unknown", 1950, "Fiction", "en", "robots");
        await _corrections.CorrectAsync("d1", new MetadataFields("I, Robot", "Asimov", null, "Science fiction", null), "libby");

        await _corrections.CorrectAsync("d1", new MetadataFields("I, Robot", null, null, null, null), "libby");

        var hit = Assert.Single((await Search("robots")).Results);
        Assert.Equal(("I, Robot", "Unknown", "Fiction"), (hit.Title, hit.Author, hit.Category));

        await _corrections.CorrectAsync("d1", MetadataFields.None, "libby");

        Assert.Null(await _corrections.FindAsync("d1"));
        hit = Assert.Single((await Search("robots")).Results);
        Assert.Equal(("Robots", "Unknown", "Fiction"), (hit.Title, hit.Author, hit.Category));
        Assert.Equal([new FacetValue("Unknown", 1)], (await Search("robots")).Facets.Author);
    }

    [Fact]
    public async Task A_removed_or_unknown_document_cannot_be_corrected_and_removal_drops_its_corrections()
    {
        await Index("d1", "Robots", "Unknown", 1950, null, null, "robots");
        await _corrections.CorrectAsync("d1", new MetadataFields(null, "Asimov", null, null, null), "libby");

        await _store.Documents.MarkRemovedAsync("d1");

        Assert.Null(await _corrections.FindAsync("d1"));
        Assert.Equal("Unknown", (await _store.Documents.FindAsync("d1"))!.Author);
        Assert.False(await _corrections.CorrectAsync("d1", new MetadataFields(null, "Asimov", null, null, null), "libby"));
        Assert.False(await _corrections.CorrectAsync("nobody", new MetadataFields(null, "Asimov", null, null, null), "libby"));
    }

    [Fact]
    public async Task A_correction_moves_the_documents_embeddings_version_so_semantic_search_reloads_it_with_the_corrected_values()
    {
        await Index("d1", "Robots", "Unknown", 1950, null, "en", "Robots follow three laws. They protect people. They obey orders unless that harms someone.");
        await new DocumentEmbedder(_passages, new PassageSplitter(maxWords: 12, overlapWords: 4), new HashingEmbeddingGenerator()).EmbedAsync("d1", default);
        var before = await _passages.ReadChangesAsync(0, "hashing", 100, default);
        Assert.Equal("Unknown", Assert.Single(before.Documents).Document.Author);

        await _corrections.CorrectAsync("d1", new MetadataFields(null, "Asimov", null, null, null), "libby");

        var after = await _passages.ReadChangesAsync(before.Version, "hashing", 100, default);
        var reloaded = Assert.Single(after.Documents);
        Assert.Equal("Asimov", reloaded.Document.Author);
        Assert.Equal(Assert.Single(before.Documents).Passages.Count, reloaded.Passages.Count);
        Assert.Equal(EmbeddingStatus.Done, (await _passages.GetStatusesAsync(["d1"], "hashing", default))["d1"]);
    }

    [Fact]
    public async Task Corrections_racing_with_re_indexing_neither_deadlock_nor_lose_the_correction()
    {
        await Index("d1", "Robots 0", "Unknown", 1950, null, "en", "robots");

        var indexing = Enumerable.Range(1, 8).Select(i => Task.Run(() => Index("d1", $"Robots {i}", "Unknown", 1950, null, "en", $"robots {i}")));
        var correcting = Enumerable.Range(1, 8).Select(i => Task.Run(() =>
            _corrections.CorrectAsync("d1", new MetadataFields(null, "Asimov", 1900 + i, null, null), "libby")));
        await Task.WhenAll(indexing.Concat(correcting));

        var document = (await _store.Documents.FindAsync("d1"))!;
        var correction = (await _corrections.FindAsync("d1"))!;
        Assert.Equal("Asimov", document.Author);
        Assert.Equal(correction.Corrected.Year, document.Year);
        Assert.Equal(document.Title, correction.Extracted.Title);
        Assert.Equal(("Unknown", (int?)1950), (correction.Extracted.Author, correction.Extracted.Year));
    }
}
