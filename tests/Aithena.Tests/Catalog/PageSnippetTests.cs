using Aithena.Catalog;

namespace Aithena.Tests.Catalog;

/// <summary>Snippets made from a page's own text: the words both engines match, marked, in the window that shows most of them.</summary>
public sealed class PageSnippetTests
{
    private static string Snippet(string text, string query)
    {
        Assert.True(SearchQuery.TryParse(query, out var parsed, out var error), error);
        return PageSnippet.Make(text, parsed).Replace(CatalogSearch.MarkStart, '[').Replace(CatalogSearch.MarkEnd, ']');
    }

    [Theory]
    [InlineData("Maxwell's Electrodynamics, revisited", "electrodynamics", "Maxwell's [Electrodynamics], revisited")]
    [InlineData("Le café crème est servi", "cafe", "Le [café] crème est servi")]            // diacritics folded, as the indexes fold them
    [InlineData("quantum quantization quota", "quant*", "[quantum] [quantization] quota")]   // a prefix
    [InlineData("the cat sat on the mat, the cat slept", "\"the cat\" slept", "[the cat] sat on the mat, [the cat] [slept]")]
    [InlineData("cats and a cat", "cat", "cats and a [cat]")]                                // a word, not a part of one
    [InlineData("私は東京に住んでいます。", "住んで", "私は東京に[住んで]います。")]           // CJK: the characters in a row
    [InlineData("저는 서울에서 살고 있습니다.", "서울", "저는 [서울]에서 살고 있습니다.")]
    public void Marks_the_words_the_engines_match(string text, string query, string expected) =>
        Assert.Equal(expected, Snippet(text, query));

    [Fact]
    public void Shows_the_window_that_holds_the_most_different_query_words()
    {
        var filler = string.Join(' ', Enumerable.Repeat("filler", 40));
        var text = $"alpha {filler} alpha beta together {filler} end";

        var snippet = Snippet(text, "alpha beta");

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("[alpha] [beta] together", snippet, StringComparison.Ordinal);
        Assert.Equal(PageSnippet.Words, snippet.Trim('…').Split(' ').Length);
    }

    [Fact]
    public void A_page_where_no_word_is_found_shows_its_beginning_unmarked()
    {
        var text = string.Join(' ', Enumerable.Range(1, 50).Select(i => $"w{i}"));

        var snippet = Snippet(text, "absent");

        Assert.Equal(string.Join(' ', Enumerable.Range(1, PageSnippet.Words).Select(i => $"w{i}")) + "…", snippet);
    }

    [Fact]
    public void Markup_in_the_text_is_kept_as_text_for_the_encoder()
    {
        var snippet = Snippet("<script>alert(1)</script> payload", "payload");

        Assert.Equal("<script>alert(1)</script> [payload]", snippet);
    }
}
