using Aithena.Catalog;
using Aithena.Web.Components.Shared;
using Bunit;

namespace Aithena.Tests.Web;

/// <summary>A search hit as the page shows it: its metadata, and its snippets with only the highlight as markup.</summary>
public sealed class ResultCardTests : IDisposable
{
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void A_hit_shows_title_author_year_category_language_and_pages()
    {
        var card = Render(Hit(snippets: []));

        Assert.Equal("The Dispossessed", card.Find(".result-title a").TextContent);
        Assert.Equal("Le Guin", card.Find(".meta-author").TextContent);
        Assert.Equal("1974", card.Find(".meta-year").TextContent);
        Assert.Equal("fiction", card.Find(".meta-category").TextContent);
        Assert.Equal("en", card.Find(".meta-language").TextContent);
        Assert.Equal("387 pages", card.Find(".meta-pages").TextContent);
        Assert.Equal("/documents/doc-1?q=anarres", card.Find(".result-title a").GetAttribute("href"));
    }

    [Fact]
    public void Highlights_become_mark_elements_and_escaped_markup_in_the_text_stays_text()
    {
        // As the Api sends it: the PDF's own "<script>" escaped, the match between <mark> tags.
        var card = Render(Hit(new SearchSnippet(2, "a &lt;script&gt;alert(1)&lt;/script&gt; on <mark>Anarres</mark> &amp; Urras")));

        var mark = Assert.Single(card.FindAll("mark"));
        Assert.Equal("Anarres", mark.TextContent);
        Assert.Empty(card.FindAll("script"));
        Assert.Equal("a <script>alert(1)</script> on Anarres & Urras", card.Find(".snippet-text").TextContent);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_the_Api_did_not_escape_is_shown_as_text_never_as_elements()
    {
        var card = Render(Hit(new SearchSnippet(1, "<img src=x onerror=alert(1)><mark>hit</mark><b>bold</b></mark>")));

        Assert.Empty(card.FindAll(".snippets img"));
        Assert.Empty(card.FindAll("b"));
        Assert.Equal("hit", Assert.Single(card.FindAll("mark")).TextContent);
        Assert.Contains("<img src=x onerror=alert(1)>", card.Find(".snippet-text").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_snippet_names_its_page_and_links_to_the_document_at_that_page()
    {
        var card = Render(Hit(new SearchSnippet(2, "on <mark>Anarres</mark>"), new SearchSnippet(17, "from <mark>Anarres</mark>")));

        var links = card.FindAll("a.snippet-page");
        Assert.Equal(["Page 2", "Page 17"], links.Select(a => a.TextContent));
        Assert.Equal(["/documents/doc-1?page=2&q=anarres", "/documents/doc-1?page=17&q=anarres"], links.Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("<mark>a</mark>b", "a|b", "1|0")]
    [InlineData("x &amp;&lt;mark&gt; y", "x &<mark> y", "0")]
    [InlineData("<mark></mark>", "", "")]
    [InlineData("<MARK>a</MARK>", "<MARK>a</MARK>", "0")]
    public void Snippets_split_into_marked_and_plain_runs_of_decoded_text(string snippet, string texts, string marks)
    {
        var segments = HighlightSegments.Parse(snippet);

        Assert.Equal(texts, string.Join('|', segments.Select(s => s.Text)));
        Assert.Equal(marks, string.Join('|', segments.Select(s => s.Marked ? "1" : "0")));
    }

    private IRenderedComponent<ResultCard> Render(SearchHit hit) =>
        _context.Render<ResultCard>(p => p.Add(c => c.Hit, hit).Add(c => c.Query, "anarres"));

    private static SearchHit Hit(params SearchSnippet[] snippets) =>
        new("doc-1", "The Dispossessed", "Le Guin", 1974, "fiction", "en", 387, "fiction/Le Guin - The Dispossessed (1974).pdf", 1.5, snippets);
}
