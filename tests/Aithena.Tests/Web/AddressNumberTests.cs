using Aithena.Api.Documents;
using Aithena.Web.Api;
using Aithena.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Web;

/// <summary>Page and year numbers in the address that are not numbers (or not ints): the pages still answer, as page 1 without the filter.</summary>
public sealed class AddressNumberTests : IDisposable
{
    private readonly BunitContext _context = new();
    private readonly AnsweringHandler _api;

    public AddressNumberTests()
    {
        _api = new AnsweringHandler(request => request.RequestUri!.AbsolutePath switch
        {
            "/v1/search" => AnsweringHandler.Json(new SearchResponse(0, 1, 20, [], new SearchFacets([], [], [], []), "keyword", new SemanticStatus(true, null, 0))),
            "/v1/documents" => AnsweringHandler.Json(new DocumentPage(0, 1, 25, [])),
            "/v1/collections" or "/v1/tags" => AnsweringHandler.Json(new List<Aithena.Api.Collections.CollectionResponse>()),
            "/v1/documents/d1/collections" => AnsweringHandler.Json(new Aithena.Api.Collections.DocumentCollections("d1", [], [])),
            _ => AnsweringHandler.Json(new DocumentResponse("d1", "a.pdf", "a.pdf", 1, DateTimeOffset.UnixEpoch, "A", null, null, null, null, 1,
                "indexed", null, "lister", null, null, 0, 10)),
        });
        _context.Services.AddSingleton(new AithenaApiClient(new HttpClient(_api) { BaseAddress = new Uri("http://api.invalid/") }));
        // The pages show librarians' buttons by role (AuthorizeView): here, to nobody signed in.
        _context.AddAuthorization();
    }

    public void Dispose() => _context.Dispose();

    private void NavigateTo(string address) => _context.Services.GetRequiredService<NavigationManager>().NavigateTo(address);

    [Theory]
    [InlineData("/?q=x&page=abc&year=abc")]
    [InlineData("/?q=x&page=99999999999&year=-1")]
    public void The_search_page_reads_a_page_or_year_that_is_no_number_as_page_one_without_a_year(string address)
    {
        NavigateTo(address);

        _context.Render<Search>().WaitForElement(".empty");

        var sent = Assert.Single(_api.Requests);
        Assert.DoesNotContain("&page=", sent.Query, StringComparison.Ordinal); // page 1 goes without a page
        Assert.DoesNotContain("year", sent.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    public void The_library_and_document_pages_read_a_page_that_is_no_number_as_the_first(string page)
    {
        NavigateTo($"/library?page={page}");
        _context.Render<Library>().WaitForAssertion(() => Assert.Single(_api.Requests, r => r.AbsolutePath == "/v1/documents"));
        Assert.Contains("page=1", _api.Requests.Single(r => r.AbsolutePath == "/v1/documents").Query, StringComparison.Ordinal);

        NavigateTo($"/documents/d1?page={page}");
        var document = _context.Render<Document>(p => p.Add(d => d.Id, "d1"));
        document.WaitForAssertion(() => Assert.Equal("1", document.Find("aithena-pdf-viewer").GetAttribute("page")));
        Assert.EndsWith("/documents/d1/file", document.Find("aithena-pdf-viewer").GetAttribute("src"), StringComparison.Ordinal);
    }
}
