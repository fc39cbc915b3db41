using System.Net;
using Aithena.Web.Api;
using Aithena.Web.Components.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Web;

/// <summary>What the pages do when the Api cannot be reached, and how the Api key travels (to the Api only).</summary>
public sealed class ApiUnreachableTests : IDisposable
{
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void The_search_page_says_the_library_cannot_be_reached_and_offers_to_try_again()
    {
        var http = new HttpClient(new AnsweringHandler(_ => throw new HttpRequestException("Connection refused"))) { BaseAddress = new Uri("http://api.invalid/") };
        _context.Services.AddSingleton(new AithenaApiClient(http));
        _context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/?q=numbat");

        var page = _context.Render<Search>();

        var alert = page.WaitForElement("[role=alert]");
        Assert.Contains("The library cannot be reached", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal("http://localhost/?q=numbat", alert.QuerySelector("a.button")!.GetAttribute("href"));
    }

    [Fact]
    public void A_query_the_catalog_cannot_run_shows_the_apis_reason()
    {
        var http = new HttpClient(new AnsweringHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""{"title":"Invalid search query","detail":"Unbalanced quotes in the query.","status":400}""",
                System.Text.Encoding.UTF8, "application/problem+json"),
        })) { BaseAddress = new Uri("http://api.invalid/") };
        _context.Services.AddSingleton(new AithenaApiClient(http));

        var page = _context.Render<Search>();

        var alert = page.WaitForElement("[role=alert]");
        Assert.Contains("Invalid search query", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("Unbalanced quotes in the query.", alert.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_key_is_sent_to_the_api_and_to_no_other_service()
    {
        var seen = new List<(string Host, string? Key)>();
        var handler = new ApiKeyHandler(
            Options.Create(new AccessOptions { ApiKey = "a-key-of-sixteen-chars" }),
            Options.Create(new ApiOptions { BaseAddress = new Uri("https+http://api") }))
        {
            InnerHandler = new AnsweringHandler(request =>
            {
                seen.Add((request.RequestUri!.Host, request.Headers.TryGetValues(ApiKeyHandler.HeaderName, out var v) ? v.Single() : null));
                return new HttpResponseMessage(HttpStatusCode.OK);
            }),
        };
        using var http = new HttpClient(handler);

        (await http.GetAsync("https+http://api/v1/search", Xunit.TestContext.Current.CancellationToken)).Dispose();
        (await http.GetAsync("https+http://indexer/health/detail", Xunit.TestContext.Current.CancellationToken)).Dispose();

        Assert.Equal([("api", "a-key-of-sixteen-chars"), ("indexer", null)], seen);
    }
}
