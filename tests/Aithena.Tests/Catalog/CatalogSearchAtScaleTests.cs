using Aithena.Catalog;

namespace Aithena.Tests.Catalog;

/// <summary>Search done by the database (paging, the cap on what a search looks at) and CJK words, on both engines.</summary>
public abstract partial class CatalogTests
{
    [Theory]
    [InlineData("量子", "zh")]          // a word inside a run of Chinese characters
    [InlineData("力学", "zh")]
    [InlineData("東京", "ja")]          // Japanese: kanji followed by kana, no spaces
    [InlineData("住んで", "ja")]
    [InlineData("서울", "ko")]          // Korean: a noun with its particle attached ("서울에서")
    [InlineData("\"量子力学\"", "zh")]  // a phrase of several bigrams
    public async Task Words_inside_chinese_japanese_and_korean_text_are_found(string query, string language)
    {
        await Index("zh", "zh.pdf", "A", null, null, "zh", "量子力学是物理学的一个分支。");
        await Index("ja", "ja.pdf", "B", null, null, "ja", "私は東京に住んでいます。");
        await Index("ko", "ko.pdf", "C", null, null, "ko", "저는 서울에서 살고 있습니다.");
        await Index("en", "en.pdf", "D", null, null, "en", "quantum mechanics in english only");

        var results = await _search.SearchAsync(new SearchRequest(query));

        var hit = Assert.Single(results.Results);
        Assert.Equal(language, hit.Id);
        Assert.Contains($"<mark>{query.Trim('"')}</mark>", Assert.Single(hit.Snippets).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cjk_word_that_is_not_in_the_text_is_not_found_even_when_its_characters_are()
    {
        await Index("zh", "zh.pdf", "A", null, null, "zh", "量子力学是物理学的一个分支。");

        // 学 and 量 are both on the page, but not "学量" in that order.
        Assert.Equal(0, (await _search.SearchAsync(new SearchRequest("学量"))).Total);
        Assert.Equal(1, (await _search.SearchAsync(new SearchRequest("物理学"))).Total);
    }

    [Fact]
    public async Task A_word_on_more_pages_than_a_search_looks_at_says_its_total_is_not_exact()
    {
        var pages = Enumerable.Range(0, CatalogSearch.MatchCap + 5).Select(i => $"common page {i}").ToArray();
        await Index("big", "big.pdf", "A", null, null, null, pages);
        await Index("small", "small.pdf", "B", null, null, null, "a rare word");

        var common = await _search.SearchAsync(new SearchRequest("common"));
        Assert.False(common.TotalIsExact);
        Assert.Equal("big", Assert.Single(common.Results).Id);

        var rare = await _search.SearchAsync(new SearchRequest("rare"));
        Assert.True(rare.TotalIsExact);
        Assert.Equal(1, rare.Total);
    }

    [Fact]
    public async Task Every_match_is_reached_by_paging_and_no_page_repeats_one()
    {
        for (var i = 0; i < 23; i++)
        {
            await Index($"d{i:00}", $"doc {i:00}.pdf", "A", null, null, null, i % 2 == 0 ? "alpha beta" : "alpha");
        }

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var results = await _search.SearchAsync(new SearchRequest("alpha", Page: page, PageSize: 10));
            Assert.Equal(23, results.Total);
            Assert.True(results.TotalIsExact);
            seen.AddRange(results.Results.Select(r => r.Id));
        }

        Assert.Equal(23, seen.Distinct().Count());
        Assert.Equal(23, seen.Count);
    }

    [Fact]
    public async Task Relevance_puts_the_page_with_more_of_the_words_first()
    {
        await Index("weak", "weak.pdf", "A", null, null, null, "a page that says solar once among many other unrelated words of text");
        await Index("strong", "strong.pdf", "B", null, null, null, "solar panels, solar power, solar cells: all solar");
        for (var i = 0; i < 4; i++)
        {
            // BM25 gives a word on most pages of the library almost no weight: the word must be rarer than that.
            await Index($"other{i}", $"other{i}.pdf", "C", null, null, null, "wind and water");
        }

        var results = await _search.SearchAsync(new SearchRequest("solar"));

        Assert.Equal(["strong", "weak"], results.Results.Select(r => r.Id));
        Assert.True(results.Results[0].Score > results.Results[1].Score);
    }

    [Fact]
    public async Task Prefixes_phrases_and_or_work_alike_on_both_engines()
    {
        await Index("d1", "a.pdf", "A", null, null, null, "electrodynamics of moving bodies");
        await Index("d2", "b.pdf", "B", null, null, null, "moving pictures of bodies");
        await Index("d3", "c.pdf", "C", null, null, null, "thermodynamics");

        Assert.Equal(["d1"], Ids(await _search.SearchAsync(new SearchRequest("electro*"))));
        Assert.Equal(["d1"], Ids(await _search.SearchAsync(new SearchRequest("\"moving bodies\""))));
        Assert.Equal(["d1", "d3"], Ids(await _search.SearchAsync(new SearchRequest("electrodynamics OR thermodynamics", Sort: SearchSort.Title))));
        Assert.Equal(["d2"], Ids(await _search.SearchAsync(new SearchRequest("moving -electrodynamics"))));
        Assert.Empty(Ids(await _search.SearchAsync(new SearchRequest("'; DROP TABLE documents; --"))));
        Assert.Equal(3, (await _search.SearchAsync(new SearchRequest(null))).Total);
    }

    private static List<string> Ids(SearchResults results) => results.Results.Select(r => r.Id).ToList();
}
