using System.Net;
using AngleSharp.Html.Parser;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Web;

/// <summary>
/// The web app as a real process in front of an Api that requires sign-in: a person signs in through the form (with its
/// antiforgery token) and the pages then show what the Api answers to that person's own role.
/// </summary>
public sealed class SignInProcessTests(SharedBroker shared) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task A_person_signed_in_through_the_form_sees_pages_with_the_apis_answers_for_their_role()
    {
        var api = await _system.StartApiAsync(Infrastructure.Accounts.SignInRequired());
        var admin = (await api.Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword)).AccessToken;
        await api.Http.CreateUserAsync(admin, "rita", "rita-reads-a-lot", "reader");
        await using var web = ServiceProcess.Start("Aithena.Web", new Dictionary<string, string>
        {
            ["services__api__http__0"] = api.BaseAddress.ToString(),
            ["Access__Anonymous"] = "None",
        });
        await web.WaitHealthyAsync();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = web.BaseAddress };
        var ct = TestContext.Current.CancellationToken;

        // Anonymous: sent to sign in.
        using (var before = await browser.GetAsync("/library", ct))
        {
            Assert.Contains("/signin?returnUrl=", before.RequestMessage!.RequestUri!.PathAndQuery, StringComparison.Ordinal);
        }

        var form = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/signin", ct));
        var antiforgery = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var signIn = await browser.PostAsync("/signin?returnUrl=%2Flibrary", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["_handler"] = "signin",
            ["Input.UserName"] = "rita",
            ["Input.Password"] = "rita-reads-a-lot",
        }), ct);
        var library = await signIn.Content.ReadAsStringAsync(ct);

        Assert.EndsWith("/library", signIn.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain("session has ended", library, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("rita", library, StringComparison.Ordinal);
        var page = await new HtmlParser().ParseDocumentAsync(library);
        Assert.Null(page.QuerySelector("nav a[href='/upload']"));
        Assert.Null(page.QuerySelector("nav a[href='/admin']"));
        using var upload = await browser.GetAsync("/upload", ct);
        Assert.Contains("/forbidden", upload.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain(Infrastructure.Accounts.AdminPassword, web.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_adds_a_librarian_through_the_users_page_who_can_then_sign_in()
    {
        var api = await _system.StartApiAsync(Infrastructure.Accounts.SignInRequired());
        await using var web = ServiceProcess.Start("Aithena.Web", new Dictionary<string, string>
        {
            ["services__api__http__0"] = api.BaseAddress.ToString(),
            ["Access__Anonymous"] = "None",
        });
        await web.WaitHealthyAsync();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = web.BaseAddress };
        await SignInAsync(browser, "admin", Infrastructure.Accounts.AdminPassword);

        var users = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/admin", TestContext.Current.CancellationToken));
        var antiforgery = users.QuerySelector("form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var added = await browser.PostAsync("/admin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["_handler"] = "create-user",
            ["NewName"] = "libby",
            ["NewPassword"] = "libby-files-books",
            ["NewRole"] = "librarian",
        }), TestContext.Current.CancellationToken);
        var page = await added.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(added.IsSuccessStatusCode, page);
        Assert.Contains("libby was added as a librarian", page, StringComparison.Ordinal);
        Assert.NotNull((await new HtmlParser().ParseDocumentAsync(page)).QuerySelector("tr[data-user='libby']"));
        await api.Http.SignInAsync("libby", "libby-files-books");
    }

    private static async Task SignInAsync(HttpClient browser, string name, string password)
    {
        var form = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/signin", TestContext.Current.CancellationToken));
        using var signIn = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
            ["_handler"] = "signin",
            ["Input.UserName"] = name,
            ["Input.Password"] = password,
        }), TestContext.Current.CancellationToken);
        Assert.True(signIn.IsSuccessStatusCode);
    }
}
