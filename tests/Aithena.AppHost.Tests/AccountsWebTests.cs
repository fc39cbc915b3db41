using System.Net;
using System.Net.Http.Json;
using Aithena.Api.Accounts;
using Aithena.Api.Documents;
using Aithena.Testing;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace Aithena.AppHost.Tests;

/// <summary>
/// People and roles end to end, in Debian's chromium against the AppHost's whole system with its defaults
/// (Aithena:Anonymous=None): who gets in where, who uploaded what, and that taking rights away works at once.
/// </summary>
public sealed partial class AppHostTests
{
    [Fact, Step(4)]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_on_every_page_and_gets_nothing_from_the_api()
    {
        await app.WaitHealthyAsync("web");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(WebUrl);

        foreach (var path in new[] { "/", "/?q=numbat", "/library", "/upload", "/status", "/account", "/admin", "/documents/0123456789abcdef0123456789abcdef", "/documents/0123456789abcdef0123456789abcdef/file" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(page.Url.Contains("/signin?returnUrl=", StringComparison.Ordinal), $"{path} ended at {page.Url} ({response?.Status})");
        }

        await WebPages.ScreenshotAsync(page, "web-signin");
        using var anonymous = app.App.CreateHttpClient("api");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/search?q=x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/health/detail")).StatusCode);
    }

    [Fact, Step(8)]
    public async Task The_admin_makes_a_reader_and_a_librarian_who_get_what_their_roles_allow_and_a_disabled_user_is_out_at_once()
    {
        await app.WaitHealthyAsync("web");
        await app.WaitHealthyAsync("indexer");
        await using var browser = await Chromium.LaunchAsync();

        // The admin adds two people on the users page.
        var admin = await browser.NewPageAsync(WebUrl);
        await WebPages.SignInAsync(admin, "admin", app.AdminPassword, "/admin");
        await AddUserAsync(admin, "rita", "rita-reads-a-lot", "reader");
        await AddUserAsync(admin, "libby", "libby-files-books", "librarian");
        await WebPages.ScreenshotAsync(admin, "web-admin");

        // The librarian uploads; the document says who did.
        var librarian = await browser.NewPageAsync(WebUrl);
        await WebPages.SignInAsync(librarian, "libby", "libby-files-books", "/upload");
        await librarian.Locator("#files:not([disabled])").WaitForAsync();
        var pdf = TestPdf.Create(["Cataloguing rules", "the quokka smiles at visitors"], title: "Quokka Notes", author: "Libby");
        await librarian.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "Quokka Notes.pdf", MimeType = "application/pdf", Buffer = pdf });
        await librarian.Locator(".upload-item .badge-indexed").WaitForAsync(new() { Timeout = (float)PageIndexingTimeout.TotalMilliseconds });
        await librarian.GotoAsync("/?q=quokka");
        await librarian.Locator(".result-card a").First.ClickAsync();
        Assert.Equal("libby", await librarian.Locator("dd.uploaded-by").InnerTextAsync());

        // The reader searches and reads, has no upload page, and the Api refuses the reader's upload.
        var reader = await browser.NewPageAsync(WebUrl);
        await WebPages.SignInAsync(reader, "rita", "rita-reads-a-lot", "/?q=quokka");
        await reader.Locator(".result-card", new() { HasText = "Quokka Notes" }).WaitForAsync();
        Assert.Equal(0, await reader.Locator("nav a[href='/upload']").CountAsync());
        await reader.GotoAsync("/upload");
        Assert.Contains("/forbidden", reader.Url, StringComparison.Ordinal);
        using var api = app.App.CreateHttpClient("api");
        var readerToken = await SignInAsync(api, "rita", "rita-reads-a-lot");
        using (var upload = new HttpRequestMessage(HttpMethod.Post, "/v1/upload") { Content = PdfForm(TestPdf.WithPages("rita's own")) })
        {
            upload.Headers.Authorization = new("Bearer", readerToken);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(upload)).StatusCode);
        }

        // A cross-site form post from another origin, as a page of another site would send it, stores nothing.
        using var adminApi = await app.AdminApiClientAsync();
        var before = (await adminApi.GetFromJsonAsync<DocumentPage>("/v1/documents?pageSize=1"))!.Total;
        var elsewhere = await browser.NewPageAsync(new Uri("about:blank"));
        await elsewhere.EvaluateAsync(@"async ([url, web]) => {
            const form = new FormData();
            form.append('file', new Blob(['%PDF-1.4 forged'], { type: 'application/pdf' }), 'forged.pdf');
            for (const target of [url, web]) { try { await fetch(target, { method: 'POST', mode: 'no-cors', body: form, credentials: 'include' }); } catch (e) {} }
        }", new[] { new Uri(app.App.GetEndpoint("api", "http"), "/v1/upload").ToString(), new Uri(WebUrl, "/upload").ToString() });
        Assert.Equal(before, (await adminApi.GetFromJsonAsync<DocumentPage>("/v1/documents?pageSize=1"))!.Total);

        // The admin disables the reader: her open page, her session and her tokens stop working on the next request.
        var users = (await adminApi.GetFromJsonAsync<List<UserResponse>>("/v1/users"))!;
        using (var disable = await adminApi.PatchAsJsonAsync($"/v1/users/{users.Single(u => u.UserName == "rita").Id}", new UpdateUserRequest(Disabled: true)))
        {
            disable.EnsureSuccessStatusCode();
        }

        await reader.GotoAsync("/?q=quokka");
        Assert.Equal(0, await reader.Locator(".result-card").CountAsync());
        Assert.Contains("sign in", (await reader.Locator("[role=alert]").First.InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        using var search = new HttpRequestMessage(HttpMethod.Get, "/v1/search?q=quokka");
        search.Headers.Authorization = new("Bearer", readerToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(search)).StatusCode);
    }

    private static async Task AddUserAsync(IPage admin, string name, string password, string role)
    {
        await admin.GetByLabel("User name").FillAsync(name);
        await admin.GetByLabel("First password (at least 10 characters)").FillAsync(password);
        await admin.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(role);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        try
        {
            await admin.Locator($"tr[data-user='{name}']").WaitForAsync();
        }
        catch (TimeoutException)
        {
            // Say what the page shows instead (an error from the Api, say), not only that the row never came.
            throw new TimeoutException($"{name} never appeared on the users page at {admin.Url}: {await admin.InnerTextAsync("body")}");
        }
    }

    private static async Task<string> SignInAsync(HttpClient api, string name, string password)
    {
        using var response = await api.PostAsJsonAsync("/v1/auth/token", new SignInRequest(name, password));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WebToken>())!.AccessToken;
    }
}
