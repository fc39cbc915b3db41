using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Catalog;

/// <summary>
/// The catalog and its full-text search, without a broker: every behaviour here runs on both engines
/// (<see cref="SqliteCatalogTests"/>, <see cref="PostgresCatalogTests"/>), each test on a catalog of its own.
/// </summary>
public abstract partial class CatalogTests : IAsyncLifetime
{
    private CatalogStore _store = null!;
    private IDocumentCatalog _catalog = null!;
    private ICatalogSearch _search = null!;

    /// <summary>A new, empty catalog of this engine: its connection string.</summary>
    protected abstract Task<string> CreateCatalogAsync();

    protected abstract Task DeleteCatalogAsync(string connectionString);

    private readonly List<string> _catalogs = [];

    protected string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await NewCatalogAsync();
        _store = await CatalogStore.OpenMigratedAsync(ConnectionString);
        _catalog = _store.Documents;
        _search = _store.Search;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        foreach (var catalog in _catalogs)
        {
            await DeleteCatalogAsync(catalog);
        }
    }

    private async Task<string> NewCatalogAsync()
    {
        var catalog = await CreateCatalogAsync();
        _catalogs.Add(catalog);
        return catalog;
    }

    protected Task Index(string id, string path, string author, int? year, string? category, string? language, params string[] pages) =>
        _catalog.SaveIndexedAsync(new IndexedDocument(id, path, 100, DateTimeOffset.UnixEpoch, "hash-" + id,
            new DocumentMetadata(Path.GetFileNameWithoutExtension(path), author, year, category, language), pages, DocumentSource.Lister, null));

    [Fact]
    public async Task Migrating_again_or_from_several_starters_at_once_is_harmless()
    {
        var fresh = await NewCatalogAsync();
        var starters = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var store = CatalogStore.Open(fresh);
            await store.Schema.MigrateAsync();
        });
        await Task.WhenAll(starters);
        await using (var again = CatalogStore.Open(fresh))
        {
            await again.Schema.MigrateAsync();
        }

        await using var check = CatalogStore.Open(fresh);
        Assert.Equal(check.Schema.CurrentVersion, await check.Schema.GetVersionAsync());
        Assert.True(check.Schema.CurrentVersion > 0);
    }

    [Fact]
    public async Task Indexing_the_same_document_again_replaces_its_pages()
    {
        await Index("d1", "a.pdf", "A", null, null, null, "one", "two", "three");
        await Index("d1", "a.pdf", "A", null, null, null, "one", "two");

        Assert.Equal(2, await _catalog.CountPagesAsync("d1"));
        Assert.Equal(2, (await _catalog.FindAsync("d1"))!.PageCount);
        var results = await _search.SearchAsync(new SearchRequest("three"));
        Assert.Equal(0, results.Total);
    }

    [Fact]
    public async Task A_word_on_page_two_is_found_with_a_highlighted_snippet_naming_page_two()
    {
        await Index("d1", "Science/Feynman/Lectures.pdf", "Feynman", 1964, "Science", "en", "intro page", "the quantum electrodynamics chapter");

        var results = await _search.SearchAsync(new SearchRequest("electrodynamics"));

        var hit = Assert.Single(results.Results);
        var snippet = Assert.Single(hit.Snippets);
        Assert.Equal(2, snippet.Page);
        Assert.Contains("<mark>electrodynamics</mark>", snippet.Text, StringComparison.Ordinal);
        Assert.NotNull(hit.Score);
    }

    [Theory]
    [InlineData("-draft report")]
    [InlineData("NOT draft report")]
    [InlineData("report -draft")]
    public async Task A_leading_negation_excludes_the_documents_holding_the_word(string query)
    {
        await Index("draft", "draft.pdf", "A", null, null, null, "the draft report on quarterly figures");
        await Index("final", "final.pdf", "A", null, null, null, "the final report on quarterly figures");

        var results = await _search.SearchAsync(new SearchRequest(query));

        Assert.Equal(["final"], results.Results.Select(r => r.Id));
    }

    [Fact]
    public async Task Diacritics_are_folded_both_ways()
    {
        await Index("d1", "a.pdf", "A", null, null, null, "un café à Montréal");
        await Index("d2", "b.pdf", "B", null, null, null, "a cafe in Montreal");

        Assert.Equal(2, (await _search.SearchAsync(new SearchRequest("cafe montreal"))).Total);
        Assert.Equal(2, (await _search.SearchAsync(new SearchRequest("café"))).Total);
    }

    [Fact]
    public async Task Snippets_are_html_encoded_so_text_from_a_pdf_cannot_inject_markup()
    {
        await Index("d1", "a.pdf", "A", null, null, null, "<script>alert('x')</script> payload here");

        var snippet = (await _search.SearchAsync(new SearchRequest("payload"))).Results[0].Snippets[0].Text;

        Assert.DoesNotContain("<script>", snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>payload</mark>", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facets_count_every_match_and_filters_narrow_the_results()
    {
        await Index("d1", "a.pdf", "Asimov", 1951, "Fiction", "en", "robots and empires");
        await Index("d2", "b.pdf", "Asimov", 1950, "Fiction", "en", "robots again");
        await Index("d3", "c.pdf", "Lem", 1961, "Fiction", "pl", "robots on solaris");
        await Index("d4", "d.pdf", "Nobody", 2000, "Cooking", "en", "no machines here");

        var all = await _search.SearchAsync(new SearchRequest("robots"));
        Assert.Equal(3, all.Total);
        Assert.Equal([new FacetValue("Asimov", 2), new FacetValue("Lem", 1)], all.Facets.Author);
        Assert.Equal([new FacetValue("en", 2), new FacetValue("pl", 1)], all.Facets.Language);

        var filtered = await _search.SearchAsync(new SearchRequest("robots", Author: "asimov", Year: 1950));
        Assert.Equal("d2", Assert.Single(filtered.Results).Id);
    }

    [Fact]
    public async Task Results_page_and_sort_by_title_author_or_year()
    {
        for (var i = 0; i < 25; i++)
        {
            await Index($"d{i:00}", $"book {i:00}.pdf", $"Author {25 - i:00}", 1900 + i, null, null, "common word");
        }

        var page2 = await _search.SearchAsync(new SearchRequest("common", Page: 2, PageSize: 10, Sort: SearchSort.Title));
        Assert.Equal(25, page2.Total);
        Assert.Equal("book 10", page2.Results[0].Title);

        var byYear = await _search.SearchAsync(new SearchRequest("common", PageSize: 1, Sort: SearchSort.Year));
        Assert.Equal(1924, byYear.Results[0].Year);

        var byAuthor = await _search.SearchAsync(new SearchRequest("common", PageSize: 1, Sort: SearchSort.Author));
        Assert.Equal("Author 01", byAuthor.Results[0].Author);
    }

    [Fact]
    public async Task Without_a_query_search_lists_indexed_documents()
    {
        await Index("d1", "a.pdf", "A", null, null, null, "x");
        await _catalog.MarkQueuedAsync(new QueuedFile("d2", "b.pdf", 1, DateTimeOffset.UnixEpoch, null, DocumentSource.Lister, DateTimeOffset.UtcNow));

        var results = await _search.SearchAsync(new SearchRequest(null));
        Assert.Equal("d1", Assert.Single(results.Results).Id);
    }

    [Fact]
    public async Task Removed_and_failed_documents_leave_the_index()
    {
        await Index("d1", "a.pdf", "A", null, null, null, "findme");
        await Index("d2", "b.pdf", "B", null, null, null, "findme");

        await _catalog.MarkRemovedAsync("d1");
        await _catalog.MarkFailedAsync("d2", "b.pdf", "broken");

        Assert.Equal(0, (await _search.SearchAsync(new SearchRequest("findme"))).Total);
        Assert.Equal(0, await _catalog.CountPagesAsync("d1"));
        Assert.Equal(("failed", "broken"), ((await _catalog.FindAsync("d2"))!.Status, (await _catalog.FindAsync("d2"))!.FailureReason));
    }

    [Fact]
    public async Task Documents_are_counted_by_status_with_zero_for_a_status_none_has()
    {
        await Index("d1", "a.pdf", "A", null, null, null, "one");
        await Index("d2", "b.pdf", "B", null, null, null, "two");
        await Index("d3", "c.pdf", "C", null, null, null, "three");
        await _catalog.MarkQueuedAsync(new QueuedFile("d4", "d.pdf", 1, DateTimeOffset.UnixEpoch, null, DocumentSource.Lister, DateTimeOffset.UtcNow));
        await _catalog.MarkFailedAsync("d3", "c.pdf", "broken");

        var counts = await _catalog.CountByStatusAsync();

        Assert.Equal(new Dictionary<string, int> { ["queued"] = 1, ["indexed"] = 2, ["failed"] = 1, ["removed"] = 0 }, counts);
    }

    [Fact]
    public async Task Marking_a_file_queued_after_the_indexer_already_handled_its_command_keeps_the_newer_state()
    {
        var queuedAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Index("d1", "a.pdf", "A", null, null, null, "indexed before the lister recorded the send");
        await _catalog.MarkQueuedAsync(new QueuedFile("d1", "a.pdf", 100, DateTimeOffset.UnixEpoch, null, DocumentSource.Lister, queuedAt));
        Assert.Equal("indexed", (await _catalog.FindAsync("d1"))!.Status);

        await _catalog.MarkQueuedAsync(new QueuedFile("d1", "a.pdf", 100, DateTimeOffset.UnixEpoch, null, DocumentSource.Lister, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal("queued", (await _catalog.FindAsync("d1"))!.Status);
    }

    [Fact]
    public async Task A_path_held_by_a_live_document_cannot_be_reserved_again_but_a_removed_one_can()
    {
        var file = new QueuedFile("d1", "uploads/a.pdf", 1, DateTimeOffset.UnixEpoch, "h", DocumentSource.Upload, DateTimeOffset.UtcNow);
        Assert.True((await _catalog.TryReserveAsync(file)).Reserved);
        Assert.False((await _catalog.TryReserveAsync(file)).Reserved);

        await _catalog.MarkRemovedAsync("d1");
        Assert.True((await _catalog.TryReserveAsync(file)).Reserved);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("\"unbalanced")]
    [InlineData("a\0")]
    [InlineData("\"a\0b\"")]
    public async Task Queries_that_cannot_run_throw_a_query_error_not_a_database_error(string query) =>
        await Assert.ThrowsAsync<InvalidSearchQueryException>(() => _search.SearchAsync(new SearchRequest(query)));

    [Fact]
    public async Task A_page_far_past_the_end_is_empty_and_labelled_as_asked_not_page_one_again()
    {
        await Index("p1", "a/one.pdf", "Ann", 2000, "a", "en", "paging overflow");

        var search = await _search.SearchAsync(new SearchRequest("paging", Page: int.MaxValue, PageSize: 100));
        var listing = await _search.SearchAsync(new SearchRequest(null, Page: int.MaxValue, PageSize: 100));
        var (documents, total) = await _catalog.ListAsync(null, int.MaxValue, 100);

        Assert.Equal((int.MaxValue, 0, 1), (search.Page, search.Results.Count, search.Total));
        Assert.Equal((int.MaxValue, 0), (listing.Page, listing.Results.Count));
        Assert.Equal((0, 1), (documents.Count, total));
    }

    [Fact]
    public async Task Twenty_reservations_of_the_same_bytes_at_once_reserve_one_and_answer_the_rest_with_it()
    {
        var now = DateTimeOffset.UtcNow;
        var reservations = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => _catalog.TryReserveAsync(
            new QueuedFile($"same-{i}", $"uploads/same {i}.pdf", 1, DateTimeOffset.UnixEpoch, "one-hash", DocumentSource.Upload, now)))));

        var reserved = Assert.Single(reservations, r => r.Reserved);
        var winner = Assert.Single(reservations.Select((r, i) => (r, i)), x => x.r.Reserved).i;
        Assert.All(reservations.Where(r => !r.Reserved), r => Assert.Equal($"same-{winner}", r.SameContent?.Id));
        Assert.Null(reserved.SameContent);
    }

    [Theory]
    [InlineData("report -draft", "final,late")]
    [InlineData("\"final report\" budget", "final")]
    [InlineData("\"final report\" OR \"draft report\"", "draft,final")]
    [InlineData("budget -\"final report\" -late", "draft")]
    public async Task What_a_search_by_meaning_may_return_has_none_of_the_excluded_words_and_the_phrases(string q, string expected)
    {
        await Index("draft", "r/draft.pdf", "Ann", 2000, "r", "en", "draft report on the budget");
        await Index("final", "r/final.pdf", "Ann", 2000, "r", "en", "the final report on the budget");
        await Index("late", "r/late.pdf", "Ann", 2000, "r", "en", "the report was final, and late");
        Assert.True(SearchQuery.TryParse(q, out var query, out _));

        var allowed = await _search.AllowedByWordsAsync(["draft", "final", "late"], query);

        Assert.Equal(expected.Split(','), allowed.Order(StringComparer.Ordinal));
    }
}
