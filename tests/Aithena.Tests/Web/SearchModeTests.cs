using Aithena.Web.Api;
using Aithena.Web.Components.Pages;
using AngleSharp.Html.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Web;

/// <summary>The search page's mode switch (keyword, semantic, hybrid): a radio group, kept in the address, sent to the Api.</summary>
public sealed class SearchModeTests : IDisposable
{
    private readonly BunitContext _context = new();
    private SearchResponse _answer = Answer("semantic", new SemanticStatus(true, null, 0));
    private readonly AnsweringHandler _api;

    public SearchModeTests()
    {
        _api = new AnsweringHandler(_ => AnsweringHandler.Json(_answer));
        _context.Services.AddSingleton(new AithenaApiClient(new HttpClient(_api) { BaseAddress = new Uri("http://api.invalid/") }));
    }

    public void Dispose() => _context.Dispose();

    private IRenderedComponent<Search> RenderAt(string address)
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        var page = _context.Render<Search>();
        page.WaitForElement(".results-count");
        return page;
    }

    [Fact]
    public void The_mode_is_a_labelled_radio_group_that_shows_the_mode_of_the_address_and_sends_it_to_the_api()
    {
        var page = RenderAt("/?q=feline+dozing&mode=semantic");

        var group = page.Find("form[role=search] fieldset");
        Assert.Equal("Search by", group.QuerySelector("legend")!.TextContent);
        var radios = group.QuerySelectorAll("input[type=radio]").Cast<IHtmlInputElement>().ToList();
        // Each radio inside its label: its accessible name, and a click target.
        Assert.Equal(["Words and meaning", "Words only", "Meaning only"], radios.Select(r => r.ParentElement!.TextContent.Trim()));
        Assert.All(radios, r => Assert.Equal("mode", r.Name));
        Assert.Equal(["hybrid", "keyword", "semantic"], radios.Select(r => r.Value));
        Assert.Equal("semantic", Assert.Single(radios, r => r.IsChecked).Value);

        var sent = Assert.Single(_api.Requests);
        Assert.Equal("/v1/search", sent.AbsolutePath);
        Assert.Contains("mode=semantic", sent.Query, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".notice-info"));
    }

    [Fact]
    public void Without_a_mode_in_the_address_the_api_chooses_and_the_switch_shows_the_mode_that_ranked_the_results()
    {
        // An Api whose Search:DefaultMode is Semantic.
        _answer = Answer("semantic", new SemanticStatus(true, null, 0));

        var page = RenderAt("/?q=feline+dozing");

        Assert.DoesNotContain("mode=", Assert.Single(_api.Requests).Query, StringComparison.Ordinal);
        Assert.Equal("semantic", page.FindAll("input[type=radio]").Cast<IHtmlInputElement>().Single(r => r.IsChecked).Value);
    }

    [Fact]
    public void When_meaning_is_unavailable_the_page_says_the_results_match_words_only_with_the_apis_reason()
    {
        _answer = Answer("keyword", new SemanticStatus(false, "Semantic search is off (Embeddings:Model is None).", 0));

        var page = RenderAt("/?q=feline+dozing&mode=hybrid");

        var note = page.Find(".notice-info[role=status]");
        Assert.Contains("match your words only", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("Semantic search is off (Embeddings:Model is None).", note.TextContent, StringComparison.Ordinal);
        // The switch keeps what was asked; the note says what answered.
        Assert.Equal("hybrid", page.FindAll("input[type=radio]").Cast<IHtmlInputElement>().Single(r => r.IsChecked).Value);
    }

    [Fact]
    public void Asking_for_words_only_shows_no_note_about_meaning()
    {
        _answer = Answer("keyword", new SemanticStatus(false, "Semantic search is off (Embeddings:Model is None).", 0));

        var page = RenderAt("/?q=feline+dozing&mode=keyword");

        Assert.Empty(page.FindAll(".notice-info"));
    }

    private static SearchResponse Answer(string mode, SemanticStatus semantic) => new(
        1, 1, 20,
        [new SearchHit("doc-1", "The Cat's Nap", "A. Author", 2001, null, "en", 3, "cats.pdf", 0.9, [new SearchSnippet(2, "the feline dozed on the rug")])],
        new SearchFacets([], [], [], []), mode, semantic);
}
