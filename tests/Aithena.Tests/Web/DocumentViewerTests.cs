using System.Net;
using Aithena.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aithena.Tests.Web;

/// <summary>
/// The document page's own viewer (pdf.js) in Debian's headless chromium, against the real Api, Indexer and web app:
/// the PDF through the web app, the page asked for, the query's word marked on the text layer, and the matches.
/// </summary>
public sealed class DocumentViewerTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly List<string> _console = [];
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Results_show_the_cover_and_the_viewer_opens_the_page_asked_for_with_the_word_marked_next_match_skips_pages_without_it_and_thumbnails_open_pages()
    {
        var api = await _system.StartApiAsync();
        await _system.StartIndexerAsync();
        var pdf = TestPdf.WithPages(
            "A field guide: the quokka of Rottnest Island",
            "Page two: the quokka smiles at visitors",
            "Page three talks about wombats only",
            "Page four: a quokka again, at dusk");
        using var upload = await api.Http.UploadAsync(pdf, "quokka guide.pdf");
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = await upload.UploadIdAsync();
        await api.Http.WaitForStatusAsync(id, Timeout, "indexed");

        await using var web = await WebApp.StartAsync(api, anonymous: "Full");

        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync(web.BaseAddress);
        var failures = new List<string>();
        page.PageError += (_, error) =>
        {
            failures.Add(error);
            _console.Add("page error: " + error);
        };
        page.Console += (_, message) => _console.Add($"{message.Type}: {message.Text}");
        page.RequestFailed += (_, request) => _console.Add($"request failed: {request.Url} {request.Failure}");
        // The search results show the document's cover (rendered by the Indexer a moment after "indexed").
        await Eventually.Until(async () =>
        {
            using var cover = await api.Http.GetAsync($"/v1/documents/{id}/cover", TestContext.Current.CancellationToken);
            return cover.IsSuccessStatusCode;
        }, Timeout, "the cover to be rendered");
        await page.GotoAsync("/?q=quokka");
        var coverImage = page.Locator(".result-card img.cover");
        Assert.Equal("Cover of quokka guide", await coverImage.GetAttributeAsync("alt"));
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.result-card img.cover'); return i && i.complete && i.naturalWidth > 0; }");

        // A result's page link opens the viewer at that page, with the query.
        await page.GetByRole(AriaRole.Link, new() { Name = "Open quokka guide at page 2" }).ClickAsync();
        await page.WaitForURLAsync($"**/documents/{id}?page=2&q=quokka");
        await page.GotoAsync("/library");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.library img.cover'); return i && i.complete && i.naturalWidth > 0; }");
        await page.GoBackAsync();

        var viewer = page.Locator("aithena-pdf-viewer");
        Assert.Equal($"/documents/{id}/file", await viewer.GetAttributeAsync("src"));
        await ReadyAtAsync(page, 2);
        var mark = viewer.Locator(".textLayer mark.highlight");
        Assert.Equal("quokka", await mark.First.InnerTextAsync());
        Assert.Equal("2", await viewer.Locator("input[data-role=page-input]").InputValueAsync());
        Assert.Contains("Page 2 of 4, 1 match on this page.", await viewer.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await WebPages.ScreenshotAsync(page, "web-viewer");
        Assert.Empty(await WebPages.SeriousViolationsAsync(page));

        // Next match: page 3 has no quokka, so the viewer goes on to page 4; previous match comes back to page 2.
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Next match" }).ClickAsync();
        await ReadyAtAsync(page, 4);
        Assert.Equal("quokka", await mark.First.InnerTextAsync());
        Assert.EndsWith("page=4&q=quokka", page.Url, StringComparison.Ordinal);
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Previous match" }).ClickAsync();
        await ReadyAtAsync(page, 2);

        // The keyboard: the page area takes focus, the right arrow turns the page, and page 3 has nothing to mark.
        await viewer.Locator("[data-role=area]").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await ReadyAtAsync(page, 3);
        Assert.Equal(0, await mark.CountAsync());
        Assert.Contains("Page 3 of 4, no match on this page.", await viewer.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("PageUp");
        await ReadyAtAsync(page, 2);

        // Zoom redraws the same page larger, the word still marked.
        var before = (await viewer.Locator("canvas[data-role=canvas]").BoundingBoxAsync())!.Width;
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await Eventually.Until(async () => (await viewer.Locator("canvas[data-role=canvas]").BoundingBoxAsync())!.Width > before * 1.2, Timeout, "the page to be drawn larger");
        await ReadyAtAsync(page, 2);
        Assert.Equal("quokka", await mark.First.InnerTextAsync());

        // The thumbnails: one button a page, the page shown is the current one, and a click opens its page.
        var thumbnails = viewer.Locator("nav[aria-label=Pages] button");
        Assert.Equal(4, await thumbnails.CountAsync());
        Assert.Equal("page", await viewer.GetByRole(AriaRole.Button, new() { Name = "Page 2", Exact = true }).GetAttributeAsync("aria-current"));
        await Eventually.Until(async () => await viewer.Locator("nav[aria-label=Pages] button[data-drawn]").CountAsync() == 4, Timeout, "the thumbnails to be drawn");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Page 3", Exact = true }).ClickAsync();
        await ReadyAtAsync(page, 3);
        Assert.Equal("page", await viewer.GetByRole(AriaRole.Button, new() { Name = "Page 3", Exact = true }).GetAttributeAsync("aria-current"));
        Assert.Null(await viewer.GetByRole(AriaRole.Button, new() { Name = "Page 2", Exact = true }).GetAttributeAsync("aria-current"));
        var toggle = viewer.GetByRole(AriaRole.Button, new() { Name = "Pages", Exact = true });
        await toggle.ClickAsync();
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-expanded"));
        Assert.False(await viewer.Locator("nav[aria-label=Pages]").IsVisibleAsync());

        // What pdf.js fetches beside a document is vendored with it: the character maps for CJK text, the standard fonts.
        foreach (var asset in new[] { "/lib/pdfjs/cmaps/UniJIS-UCS2-H.bcmap", "/lib/pdfjs/standard_fonts/FoxitSerif.pfb", "/lib/pdfjs/wasm/openjpeg_nowasm_fallback.js" })
        {
            var response = await page.APIRequest.GetAsync(asset);
            Assert.True(response.Ok, $"{asset}: {response.Status}");
        }

        Assert.Empty(failures);
    }

    /// <summary>Waits until the viewer has drawn page <paramref name="number"/>; on a time-out, says what it showed instead.</summary>
    private async Task ReadyAtAsync(IPage page, int number)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "n => { const v = document.querySelector('aithena-pdf-viewer'); return v?.getAttribute('data-state') === 'ready' && v.pageNumber === n; }",
                number, new PageWaitForFunctionOptions { Timeout = (float)Timeout.TotalMilliseconds });
        }
        catch (TimeoutException e)
        {
            var viewer = page.Locator("aithena-pdf-viewer");
            var state = await viewer.GetAttributeAsync("data-state");
            var status = await viewer.Locator("[role=status]").InnerTextAsync();
            throw new TimeoutException($"the viewer did not show page {number}: state {state}, status '{status}'; console:\n{string.Join('\n', _console)}", e);
        }
    }
}
