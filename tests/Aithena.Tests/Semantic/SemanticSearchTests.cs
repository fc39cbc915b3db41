using System.Net;
using System.Net.Http.Json;
using Aithena.Api.Documents;
using Aithena.Contracts;
using Aithena.Semantic.Passages;
using Aithena.Semantic.Search;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Semantic;

/// <summary>
/// The Api and the Indexer on a real broker with the real embedding model (MiniLM, from its package): a page is found
/// by what it means once its embeddings are done, and hybrid search still puts an exact keyword match first. Every
/// behaviour here runs on both catalog engines (<see cref="SqliteSemanticSearchTests"/>, <see cref="PostgresSemanticSearchTests"/>).
/// </summary>
public abstract class SemanticSearchTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private TestSystem _system = null!;
    private ServiceHost _api = null!;

    protected HttpClient Http => _api.Http;

    /// <summary>The catalog the services share: null for the test system's own SQLite file, else a connection string.</summary>
    protected abstract Task<string?> CreateCatalogAsync();

    protected abstract Task DeleteCatalogAsync();

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        var catalog = await CreateCatalogAsync();
        (string, string?)[] settings = catalog is null ? [("Embeddings:Model", "MiniLM")] : [("Embeddings:Model", "MiniLM"), ("ConnectionStrings:catalog", catalog)];
        _api = await _system.StartApiAsync([("Search:PollInterval", "00:00:00.200"), .. settings]);
        await _system.StartIndexerAsync(settings);
        await _system.StartEmbedderAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _system.DisposeAsync();
        await DeleteCatalogAsync();
    }

    [Fact]
    public async Task A_paraphrase_finds_its_page_by_meaning_in_semantic_and_hybrid_mode_but_not_by_keywords()
    {
        var cat = await UploadAndEmbedAsync(TestPdf.WithPages(
            "Chapter one. The household budget for the spring quarter, with the costs of heating and repairs.",
            "After lunch the feline dozed on the rug for the whole afternoon, undisturbed by the rain."), "Afternoons.pdf");
        var zeppelin = await UploadAndEmbedAsync(TestPdf.WithPages("The zeppelin LZ 129 crossed the Atlantic in 1936."), "Airships.pdf");
        await UploadAndEmbedAsync(TestPdf.WithPages("Interest rates rose by half a point, and the bond market fell sharply."), "Markets.pdf");
        await UploadAndEmbedAsync(TestPdf.WithPages("Simmer the tomatoes with garlic and basil for twenty minutes, then blend the soup."), "Soup.pdf");

        const string query = "cat sleeping on a carpet";
        var keyword = await SearchAsync(query, "keyword");
        Assert.Equal("keyword", keyword.Mode);
        Assert.DoesNotContain(keyword.Results, hit => hit.Id == cat);

        foreach (var mode in new[] { "semantic", "hybrid" })
        {
            var found = await Eventually.Until(() => SearchAsync(query, mode), r => r.Results.Count > 0 && r.Results[0].Id == cat, Timeout,
                $"the page about the feline first in {mode} mode");
            Assert.Equal(mode, found.Mode);
            Assert.True(found.Semantic.Available);
            var snippet = found.Results[0].Snippets[0];
            Assert.Equal(2, snippet.Page);
            Assert.Contains("feline dozed on the rug", snippet.Text, StringComparison.Ordinal);
        }

        var exact = await SearchAsync("zeppelin", "hybrid");
        Assert.Equal(zeppelin, exact.Results[0].Id);
        Assert.Contains(exact.Results[0].Snippets, s => s.Text.Contains("<mark>zeppelin</mark>", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Similar_documents_are_the_nearest_in_meaning_and_never_the_document_itself()
    {
        var soup = await UploadAndEmbedAsync(TestPdf.WithPages("Simmer the tomatoes with garlic and basil, then blend the soup until smooth."), "Soup.pdf");
        var stew = await UploadAndEmbedAsync(TestPdf.WithPages("Brown the beef, add carrots, onions and stock, and let the stew cook slowly for two hours."), "Stew.pdf");
        await UploadAndEmbedAsync(TestPdf.WithPages("The parliament passed the budget after a long debate about taxes."), "Politics.pdf");

        var similar = await Eventually.Until(() => Http.GetFromJsonAsync<SimilarDocuments>($"/v1/documents/{soup}/similar", TestContext.Current.CancellationToken),
            r => r!.Results.Count == 2, Timeout, "two similar documents");
        Assert.Equal(stew, similar!.Results[0].Id);
        Assert.DoesNotContain(similar.Results, r => r.Id == soup);

        using var unknown = await Http.GetAsync($"/v1/documents/{DocumentIds.FromPath("nothing.pdf")}/similar", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Facets_and_filters_work_in_every_mode()
    {
        await UploadAndEmbedAsync(TestPdf.WithPages("The kitten slept curled up on the warm blanket."), "Ann Author - Kittens (2001).pdf");
        await UploadAndEmbedAsync(TestPdf.WithPages("A tabby cat naps in a patch of sunlight on the sofa."), "Bob Writer - Tabbies (2010).pdf");

        foreach (var mode in new[] { "keyword", "semantic", "hybrid" })
        {
            var filtered = await Eventually.Until(() => SearchAsync("kitten OR cat", mode, "&author=Bob%20Writer"), r => r.Results.Count > 0, Timeout, $"a {mode} hit by Bob Writer");
            Assert.All(filtered.Results, hit => Assert.Equal("Bob Writer", hit.Author));
            Assert.Equal([new("Bob Writer", 1)], filtered.Facets.Author);
        }
    }

    [Fact]
    public async Task Collection_and_tag_filters_and_facets_work_in_every_mode()
    {
        await UploadAndEmbedAsync(TestPdf.WithPages("The kitten slept curled up on the warm blanket."), "Ann Author - Kittens (2001).pdf");
        var tabbies = await UploadAndEmbedAsync(TestPdf.WithPages("A tabby cat naps in a patch of sunlight on the sofa."), "Bob Writer - Tabbies (2010).pdf");
        var shelf = await CreateGroupAsync("collections", "Cat shelf");
        var sunny = await CreateGroupAsync("tags", "sunny");
        await AddAsync("collections", shelf.Id, tabbies);
        await AddAsync("tags", sunny.Id, tabbies);

        foreach (var mode in new[] { "keyword", "semantic", "hybrid" })
        {
            var inShelf = await Eventually.Until(() => SearchAsync("kitten OR cat", mode, $"&collection={shelf.Id}"), r => r.Results.Count > 0, Timeout, $"a {mode} hit in the shelf");
            Assert.Equal([tabbies], inShelf.Results.Select(hit => hit.Id));
            Assert.Equal([new(shelf.Id, 1, "Cat shelf")], inShelf.Facets.Collection);
            var both = await SearchAsync("kitten OR cat", mode, $"&collection={shelf.Id}&tag={sunny.Id}");
            Assert.Equal([tabbies], both.Results.Select(hit => hit.Id));
            var all = await Eventually.Until(() => SearchAsync("kitten OR cat", mode), r => r.Results.Any(hit => hit.Id == tabbies), Timeout, $"the tabbies in {mode} mode");
            Assert.Equal([new(sunny.Id, 1, "sunny")], all.Facets.Tag);
        }
    }

    private async Task<Aithena.Api.Collections.CollectionResponse> CreateGroupAsync(string kinds, string name)
    {
        using var response = await Http.PostAsJsonAsync($"/v1/{kinds}", new Aithena.Api.Collections.CollectionRequest(name), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Aithena.Api.Collections.CollectionResponse>(TestContext.Current.CancellationToken))!;
    }

    private async Task AddAsync(string kinds, string id, string documentId)
    {
        using var response = await Http.PutAsync($"/v1/{kinds}/{id}/documents/{documentId}", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Excluded_words_and_quoted_phrases_hold_in_semantic_and_hybrid_mode_too()
    {
        var draft = await UploadAndEmbedAsync(TestPdf.WithPages("Draft report: the quarterly budget figures for the northern region."), "Draft.pdf");
        var final = await UploadAndEmbedAsync(TestPdf.WithPages("Final report: the quarterly budget figures for the northern region."), "Final.pdf");

        foreach (var mode in new[] { "semantic", "hybrid" })
        {
            // The meaning half finds both, once the Api's vector index has polled them in (embeddings done is the
            // catalog's word; the index follows within its poll interval).
            await Eventually.Until(() => SearchAsync("quarterly budget report", mode),
                found => found.Results.Any(hit => hit.Id == draft) && found.Results.Any(hit => hit.Id == final), Timeout, $"both reports found in {mode} mode");
            var excluded = await SearchAsync("-draft quarterly budget report", mode);
            Assert.DoesNotContain(excluded.Results, hit => hit.Id == draft);
            Assert.Contains(excluded.Results, hit => hit.Id == final);
            var phrase = await SearchAsync("\"final report\" budget", mode);
            Assert.Equal([final], phrase.Results.Select(hit => hit.Id));
        }
    }

    private async Task<string> UploadAndEmbedAsync(byte[] pdf, string name)
    {
        using var response = await Http.UploadAsync(pdf, name);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = await response.UploadIdAsync();
        var document = await Eventually.Until(() => Http.GetFromJsonAsync<DocumentResponse>($"/v1/documents/{id}", TestContext.Current.CancellationToken),
            d => d!.Embeddings == EmbeddingStatus.Done, Timeout, $"the embeddings of {name} to be done");
        Assert.Equal("indexed", document!.Status);
        return id;
    }

    private async Task<SearchResponse> SearchAsync(string q, string mode, string extra = "") =>
        (await Http.GetFromJsonAsync<SearchResponse>($"/v1/search?q={Uri.EscapeDataString(q)}&mode={mode}{extra}", TestContext.Current.CancellationToken))!;
}
