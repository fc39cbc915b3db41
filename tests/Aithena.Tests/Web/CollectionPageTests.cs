using System.Net;
using Aithena.Tests.Infrastructure;
using Microsoft.Playwright;
using static Aithena.Tests.Infrastructure.Accounts;

namespace Aithena.Tests.Web;

/// <summary>
/// Collections in Debian's headless chromium, against the real Api (sign-in required), Indexer and web app: a librarian
/// puts a document in a new collection from its page, the search page's collection facet finds it, the collection's own
/// page lists it with its cover; a reader sees the same without a single editing control.
/// </summary>
public sealed class CollectionPageTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_librarian_adds_a_document_to_a_new_collection_that_the_search_filter_and_the_collection_page_find_and_a_reader_cannot_edit()
    {
        var api = await _system.StartApiAsync(SignInRequired());
        await _system.StartIndexerAsync();
        var admin = (await api.Http.SignInAsync("admin", AdminPassword)).AccessToken;
        await api.Http.CreateUserAsync(admin, "libby", "libby-shelves-books", "librarian");
        await api.Http.CreateUserAsync(admin, "rita", "rita-reads-a-lot", "reader");
        var librarian = (await api.Http.SignInAsync("libby", "libby-shelves-books")).AccessToken;
        var guide = await UploadAsync(api.Http, librarian, "quokka guide.pdf", "A field guide: the quokka of Rottnest Island", "The quokka at dusk");
        var notes = await UploadAsync(api.Http, librarian, "island notes.pdf", "Notes from the island: a quokka, many gulls");
        await api.Http.WaitForStatusWithAsync(librarian, guide);
        await api.Http.WaitForStatusWithAsync(librarian, notes);
        await Eventually.Until(async () =>
        {
            using var cover = await api.Http.SendAsync(As(librarian, HttpMethod.Get, $"/v1/documents/{guide}/cover"), TestContext.Current.CancellationToken);
            return cover.IsSuccessStatusCode;
        }, Timeout, "the cover to be rendered");

        await using var web = await WebApp.StartAsync(api, anonymous: "None");
        await using var chromium = await Chromium.LaunchAsync();

        // The librarian, on the guide's page: a new collection by name.
        var page = await SignedInAsync(chromium, web.BaseAddress, "libby", "libby-shelves-books");
        await page.GotoAsync($"/documents/{guide}");
        await page.GetByLabel("Add to a new collection named").FillAsync("Marsupials");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to collection" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added to “Marsupials”" }).WaitForAsync();
        Assert.Equal(1, await page.Locator(".document-collections a", new() { HasText = "Marsupials" }).CountAsync());

        // The search page: both documents have the word; the collection facet narrows to the guide.
        await page.GotoAsync("/?q=quokka&mode=keyword");
        Assert.Equal(2, await page.Locator(".result-card").CountAsync());
        await page.Locator("section.facet a", new() { HasText = "Marsupials" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("collection=", StringComparison.Ordinal));
        // The app navigates in place and streams the results in: wait for the filtered count, not for the address alone.
        await page.Locator(".results-count", new() { HasText = "1 document" }).WaitForAsync();
        Assert.Equal(["quokka guide"], await page.Locator(".result-card .result-title").AllInnerTextsAsync());
        Assert.Contains("collection: Marsupials", await page.Locator(".active-filters").InnerTextAsync(), StringComparison.Ordinal);

        // The collections page, then the collection's own page with the guide and its cover.
        await page.GotoAsync("/collections");
        Assert.Empty(await WebPages.SeriousViolationsAsync(page));
        await page.GetByRole(AriaRole.Link, new() { Name = "Marsupials" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Marsupials", Level = 1 }).WaitForAsync();
        Assert.Equal(["quokka guide"], await page.Locator(".collection-document-title").AllInnerTextsAsync());
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.collection-document img.cover'); return i && i.complete && i.naturalWidth > 0; }");
        await page.GetByLabel("Description (optional)").FillAsync("Field guides and notes on the small marsupials of Western Australia.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.Locator(".collection-description", new() { HasText = "Western Australia" }).WaitForAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.collection-document img.cover'); return i && i.complete && i.naturalWidth > 0; }");
        Assert.Empty(await WebPages.SeriousViolationsAsync(page));
        await WebPages.ScreenshotAsync(page, "web-collection");
        var collectionPage = page.Url;

        // The library: the collection as a filter with its count, listing the guide alone.
        await page.GotoAsync("/library");
        Assert.Equal(2, await page.Locator("table.library tbody tr").CountAsync());
        await page.Locator(".group-filter a", new() { HasText = "Marsupials" }).ClickAsync();
        await page.Locator(".group-filter a[aria-current=true]").WaitForAsync();
        await page.Locator(".results-count", new() { HasText = "1 document" }).WaitForAsync();
        Assert.Equal(1, await page.Locator("table.library tbody tr").CountAsync());
        Assert.Contains("quokka guide", await page.Locator("table.library tbody").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(collectionPage);
        await page.SetViewportSizeAsync(375, 800);
        Assert.Empty(await WebPages.SeriousViolationsAsync(page));
        await page.GotoAsync("/collections");
        Assert.Empty(await WebPages.SeriousViolationsAsync(page));

        // A reader sees the collection everywhere and no control that changes it.
        var reader = await SignedInAsync(chromium, web.BaseAddress, "rita", "rita-reads-a-lot");
        await reader.GotoAsync($"/documents/{guide}");
        Assert.Equal(1, await reader.Locator(".document-collections a", new() { HasText = "Marsupials" }).CountAsync());
        await reader.GotoAsync(collectionPage);
        Assert.Equal(["quokka guide"], await reader.Locator(".collection-document-title").AllInnerTextsAsync());
        await reader.GotoAsync("/collections");
        Assert.Equal(1, await reader.GetByRole(AriaRole.Link, new() { Name = "Marsupials" }).CountAsync());
        foreach (var address in new[] { $"/documents/{guide}", collectionPage, "/collections" })
        {
            await reader.GotoAsync(address);
            Assert.Equal(0, await reader.Locator("main form[method=post] :is(button, input:not([type=hidden]), textarea, select)").CountAsync());
        }
    }

    private static async Task<string> UploadAsync(HttpClient http, string token, string name, params string[] pages)
    {
        using var request = As(token, HttpMethod.Post, "/v1/upload");
        request.Content = Uploads.Form(TestPdf.WithPages(pages), name);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.UploadIdAsync();
    }

    private static async Task<IPage> SignedInAsync(Chromium chromium, Uri web, string userName, string password)
    {
        var page = await chromium.NewPageAsync(web);
        await WebPages.SignInAsync(page, userName, password);
        return page;
    }

}
