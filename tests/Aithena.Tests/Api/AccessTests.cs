using System.Net;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Api;

/// <summary>What the Api refuses whoever asks: cross-site changes, HTML posing as a PDF, uploads past the per-caller rate limit; and what anonymous callers may do.</summary>
public sealed class AccessTests(SharedBroker shared) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private ServiceHost? _api;

    private TestLibrary _library => _system.Library;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private async Task<HttpClient> StartAsync(params (string, string?)[] settings)
    {
        _api = await _system.StartApiAsync(settings);
        return _api.Http;
    }

    private static HttpRequestMessage Upload(string? token, string name = "doc.pdf", byte[]? content = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/upload") { Content = Uploads.Form(content ?? TestPdf.WithPages($"{name} {Guid.NewGuid()}"), name) };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    [Fact]
    public async Task Without_a_token_key_the_api_refuses_to_start_unless_anonymous_access_is_full()
    {
        // Real processes, as a deployment starts them: a host failing to start inside the test's own process once came
        // out as the test host's ObjectDisposedException, without the reason.
        var withoutKey = _system.LaunchProcess("Aithena.Api", port: null, ("Access:Anonymous", "None"), ("Access:TokenKey", null));
        var misspelt = _system.LaunchProcess("Aithena.Api", port: null, ("Access:Anonymous", "Everyone"));

        Assert.NotEqual(0, await withoutKey.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Access:TokenKey", withoutKey.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, await misspelt.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Access:Anonymous", misspelt.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_sign_in_required_a_forged_cross_site_form_post_gets_401_and_stores_nothing()
    {
        var http = await StartAsync(Infrastructure.Accounts.SignInRequired());
        using var request = Upload(null);
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{response.StatusCode}");
        Assert.Empty(_library.AllFiles());
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task With_everything_open_a_browsers_cross_site_upload_or_retry_is_refused_and_stores_nothing(string header, string value)
    {
        var http = await StartAsync();
        using var upload = Upload(null);
        upload.Headers.TryAddWithoutValidation(header, value);
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/v1/documents/0123456789abcdef/retry");
        retry.Headers.TryAddWithoutValidation(header, value);

        await (await http.SendAsync(upload, TestContext.Current.CancellationToken)).AssertProblemAsync(403);
        await (await http.SendAsync(retry, TestContext.Current.CancellationToken)).AssertProblemAsync(403);
        Assert.Empty(_library.AllFiles());
    }

    [Fact]
    public async Task A_same_origin_request_and_one_without_browser_headers_are_accepted()
    {
        var http = await StartAsync();
        using var curl = Upload(null, "curl.pdf");
        using var sameOrigin = Upload(null, "same.pdf");
        sameOrigin.Headers.TryAddWithoutValidation("Origin", http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        sameOrigin.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");

        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(curl, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(sameOrigin, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task An_upload_whose_first_kilobyte_holds_html_is_refused_as_not_a_pdf()
    {
        var http = await StartAsync();
        var polyglot = System.Text.Encoding.Latin1.GetBytes("<html><body><script>alert(document.cookie)</script></body></html>\n")
            .Concat(TestPdf.WithPages("a polyglot")).ToArray();

        using var response = await http.SendAsync(Upload(null, "polyglot.pdf", polyglot), TestContext.Current.CancellationToken);

        Assert.Contains("HTML", (await response.AssertProblemAsync(415)).Detail, StringComparison.Ordinal);
        Assert.Empty(_library.AllFiles());
    }

    [Fact]
    public async Task The_api_serves_a_pdf_as_a_sandboxed_attachment()
    {
        var http = await StartAsync();
        using var upload = await http.SendAsync(Upload(null, "served.pdf"), TestContext.Current.CancellationToken);
        var id = await upload.UploadIdAsync();

        using var file = await http.GetAsync($"/v1/documents/{id}/file", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("sandbox", string.Join(",", file.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(",", file.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Over_the_rate_limit_an_upload_gets_429_with_retry_after_and_stores_nothing()
    {
        var http = await StartAsync(("Access:UploadsPerMinute", "2"));

        for (var i = 0; i < 2; i++)
        {
            using var ok = await http.SendAsync(Upload(null, $"allowed-{i}.pdf"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }

        using var limited = await http.SendAsync(Upload(null, "limited.pdf"), TestContext.Current.CancellationToken);

        await limited.AssertProblemAsync(429);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(["uploads/allowed-0.pdf", "uploads/allowed-1.pdf"], _library.AllFiles());
        using var search = await http.GetAsync("/v1/search?q=allowed", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode); // the limit is on uploads only
    }

    [Fact]
    public async Task Each_user_has_a_limit_of_their_own_and_made_up_tokens_are_refused_without_using_one()
    {
        var http = await StartAsync(Infrastructure.Accounts.SignInRequired(("Access:UploadsPerMinute", "1")));
        var admin = (await http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword)).AccessToken;
        await http.CreateUserAsync(admin, "libby", "libby-files-books", "librarian");
        var librarian = (await http.SignInAsync("libby", "libby-files-books")).AccessToken;

        using var madeUp = await http.SendAsync(Upload($"ait_{Guid.NewGuid():N}", "made-up.pdf"), TestContext.Current.CancellationToken);
        using var first = await http.SendAsync(Upload(librarian, "first.pdf"), TestContext.Current.CancellationToken);
        using var second = await http.SendAsync(Upload(librarian, "second.pdf"), TestContext.Current.CancellationToken);
        using var adminsOwn = await http.SendAsync(Upload(admin, "admins.pdf"), TestContext.Current.CancellationToken);

        await madeUp.AssertProblemAsync(401);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await second.AssertProblemAsync(429);
        Assert.Equal(HttpStatusCode.Accepted, adminsOwn.StatusCode);
        Assert.Equal(["uploads/admins.pdf", "uploads/first.pdf"], _library.AllFiles());
    }

    [Fact]
    public async Task Under_read_access_anonymous_callers_search_and_read_but_cannot_upload()
    {
        var http = await StartAsync(Infrastructure.Accounts.SignInRequired(("Access:Anonymous", "Read")));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/search?q=x", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/documents", TestContext.Current.CancellationToken)).StatusCode);
        await (await http.SendAsync(Upload(null), TestContext.Current.CancellationToken)).AssertProblemAsync(401);
        await (await http.GetAsync("/v1/users", TestContext.Current.CancellationToken)).AssertProblemAsync(401);
        await (await http.GetAsync("/health/detail", TestContext.Current.CancellationToken)).AssertProblemAsync(401);
        Assert.Empty(_library.AllFiles());
    }
}
