using System.Net;
using Aithena.Web.Api;
using Aithena.Web.Components.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Aithena.Api.Accounts;
using Aithena.Web.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
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
    public async Task The_users_token_goes_to_the_apis_scheme_host_and_port_only_and_the_health_key_only_to_health_detail_for_admins()
    {
        var seen = new List<(string Target, string? Bearer, string? HealthKey)>();
        var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext() };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Access:HealthKey"] = "the-health-key" }).Build();
        var user = new SwitchableAuthenticationState();
        var credentials = new UserApiCredentials(user, http, Options.Create(new ApiOptions { BaseAddress = new Uri("https+http://api") }), configuration);
        using var client = new HttpClient(new AnsweringHandler(request =>
        {
            seen.Add((request.RequestUri!.GetLeftPart(UriPartial.Path),
                request.Headers.Authorization?.Parameter,
                request.Headers.TryGetValues("X-Health-Key", out var key) ? key.Single() : null));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }));
        var ct = Xunit.TestContext.Current.CancellationToken;
        async Task SendAsync(string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            await credentials.ApplyAsync(request);
            (await client.SendAsync(request, ct)).Dispose();
        }

        user.Set(SessionClaims.Create(new WebToken("reader-token", DateTimeOffset.UtcNow.AddHours(1), "rita", "reader")));
        await SendAsync("https+http://api/v1/search");
        await SendAsync("https+http://api:8443/v1/search");
        await SendAsync("http://api/v1/search");
        await SendAsync("https+http://indexer/health/detail");
        user.Set(SessionClaims.Create(new WebToken("admin-token", DateTimeOffset.UtcNow.AddHours(1), "ada", "admin")));
        await SendAsync("https+http://indexer/health/detail");
        await SendAsync("https+http://indexer/v1/anything");

        Assert.Equal(
        [
            ("https+http://api/v1/search", "reader-token", null),
            ("https+http://api:8443/v1/search", null, null),
            ("http://api/v1/search", null, null),
            ("https+http://indexer/health/detail", null, null),
            ("https+http://indexer/health/detail", null, "the-health-key"),
            ("https+http://indexer/v1/anything", null, null),
        ], seen);
    }
}
