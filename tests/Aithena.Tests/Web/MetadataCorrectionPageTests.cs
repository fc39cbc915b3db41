using Aithena.Contracts;
using Aithena.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aithena.Tests.Web;

/// <summary>
/// A librarian corrects a document's metadata on its page, in Debian's headless chromium, against the real Api, Indexer,
/// Lister and web app, everyone signed in for real: the search page's facets follow, re-indexing keeps the correction,
/// and a reader is shown no form.
/// </summary>
public sealed class MetadataCorrectionPageTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private const string Path = "Biology/Unknown - Axolotl Care (2001).pdf";
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_librarian_corrects_the_author_the_author_facet_follows_re_indexing_keeps_it_and_a_reader_sees_no_form()
    {
        var api = await _system.StartApiAsync(Infrastructure.Accounts.SignInRequired());
        await _system.StartIndexerAsync();
        await _system.StartListerAsync(("Lister:Interval", "00:00:00.500"));
        var admin = (await api.Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword)).AccessToken;
        await api.Http.CreateUserAsync(admin, "libby", "libby-files-books", "librarian");
        await api.Http.CreateUserAsync(admin, "rita", "rita-reads-a-lot", "reader");
        _system.Library.Write(Path, TestPdf.WithPages("Keeping the axolotl: water, food and a quiet tank"));
        var id = DocumentIds.FromPath(Path);
        var first = await WaitIndexedAsync(api, admin, id, after: null);
        Assert.Equal("Unknown", first.Author);

        await using var web = await WebApp.StartAsync(api, anonymous: "None");
        await using var chromium = await Chromium.LaunchAsync();

        var librarian = await SignedInPageAsync(chromium, web.BaseAddress, "libby", "libby-files-books");
        await librarian.GotoAsync($"/documents/{id}");
        var form = librarian.Locator("form.correct-form");
        Assert.Equal("Found in the file: Unknown", await librarian.Locator("#correct-author-found").InnerTextAsync());
        await librarian.GetByLabel("Author", new() { Exact = true }).FillAsync("Ambystoma Society");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save corrections" }).ClickAsync();
        await librarian.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your corrections were saved." }).WaitForAsync();

        Assert.Equal("Ambystoma Society", await librarian.Locator(".metadata dt:text-is('Author') + dd").InnerTextAsync());
        Assert.Equal("Ambystoma Society", await librarian.GetByLabel("Author", new() { Exact = true }).InputValueAsync());
        Assert.Contains("corrected by libby", await librarian.Locator(".corrected-note").InnerTextAsync(), StringComparison.Ordinal);
        // The bare services run without an embedding model: the similar documents say so, quietly.
        Assert.Equal("None shown: search by meaning is off.", await librarian.Locator(".similar-documents p").InnerTextAsync());
        await librarian.WaitForFunctionAsync("() => document.querySelector('aithena-pdf-viewer')?.getAttribute('data-state') === 'ready'");
        await WebPages.ScreenshotAsync(librarian, "web-metadata-correction");
        Assert.Empty(await WebPages.SeriousViolationsAsync(librarian));
        await librarian.SetViewportSizeAsync(375, 800);
        Assert.Empty(await WebPages.SeriousViolationsAsync(librarian));
        await librarian.SetViewportSizeAsync(1280, 900);
        Assert.Equal(["Ambystoma Society"], await AuthorFacetAsync(librarian));

        // The file changes: the Lister sends it back, the Indexer writes what it finds now, the correction stays.
        _system.Library.Write(Path, TestPdf.WithPages("Keeping the axolotl: water, food and a quiet tank", "A second edition with gills"));
        await WaitIndexedAsync(api, admin, id, after: first.IndexedAt);
        Assert.Equal(["Ambystoma Society"], await AuthorFacetAsync(librarian));

        var reader = await SignedInPageAsync(chromium, web.BaseAddress, "rita", "rita-reads-a-lot");
        await reader.GotoAsync($"/documents/{id}");
        Assert.Equal("Ambystoma Society", await reader.Locator(".metadata dt:text-is('Author') + dd").InnerTextAsync());
        Assert.Equal(0, await reader.Locator("form.correct-form").CountAsync());
        Assert.Equal(0, await reader.GetByRole(AriaRole.Heading, new() { Name = "Correct the metadata" }).CountAsync());
    }

    private static async Task<Aithena.Api.Documents.DocumentResponse> WaitIndexedAsync(ServiceHost api, string token, string id, DateTimeOffset? after) =>
        (await Eventually.Until(async () =>
        {
            using var request = Infrastructure.Accounts.As(token, HttpMethod.Get, $"/v1/documents/{id}");
            using var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode ? await response.ReadAsync<Aithena.Api.Documents.DocumentResponse>() : null;
        }, d => d is { Status: "indexed" } && (after is null || d.IndexedAt > after), Timeout, after is null ? "the file to be indexed" : "the changed file to be indexed again"))!;

    /// <summary>The author facet of the search page for the document's word.</summary>
    private static async Task<IReadOnlyList<string>> AuthorFacetAsync(IPage page)
    {
        await page.GotoAsync("/?q=axolotl");
        return await page.Locator("section[aria-labelledby='facet-author'] .facet-value").AllInnerTextsAsync();
    }

    private static async Task<IPage> SignedInPageAsync(Chromium chromium, Uri web, string userName, string password)
    {
        var page = await chromium.NewPageAsync(web);
        await WebPages.SignInAsync(page, userName, password);
        return page;
    }
}
