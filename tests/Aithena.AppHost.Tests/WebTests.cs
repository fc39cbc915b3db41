using System.Text;
using System.Text.RegularExpressions;
using Aithena.Testing;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace Aithena.AppHost.Tests;

/// <summary>
/// The web app as a person uses it, in Debian's chromium, against the whole system the AppHost started (the same start
/// as the other steps). Each page is checked with axe-core and photographed for the README (docs/images/web-*.png).
/// </summary>
public sealed partial class AppHostTests
{
    private static readonly TimeSpan PageIndexingTimeout = TimeSpan.FromMinutes(2);

    private Uri WebUrl => app.App.GetEndpoint("web", "http");

    [Fact, Step(5)]
    public async Task A_pdf_uploaded_through_the_page_becomes_indexed_its_page_two_word_is_found_highlighted_and_opens_the_pdf_at_page_two()
    {
        await app.WaitHealthyAsync("indexer");
        await app.WaitHealthyAsync("web");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(WebUrl);
        await WebPages.SignInAsync(page, "admin", app.AdminPassword);

        await page.GotoAsync("/upload");
        // The file input is enabled once the page is interactive (its circuit connected).
        await page.Locator("#files:not([disabled])").WaitForAsync();
        var pdf = TestPdf.Create(["A field guide to Australian marsupials", "the numbat eats termites in the open woodland"],
            title: "Field Guide", author: "Dr Echidna");
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "Field Guide to Marsupials.pdf", MimeType = "application/pdf", Buffer = pdf });

        var item = page.Locator(".upload-item", new() { HasText = "Field Guide to Marsupials.pdf" });
        await item.Locator(".badge-indexed").WaitForAsync(new() { Timeout = (float)PageIndexingTimeout.TotalMilliseconds });
        Assert.Contains("Searchable now.", await item.InnerTextAsync(), StringComparison.Ordinal);
        await WebPages.ScreenshotAsync(page, "web-upload");

        await page.GotoAsync("/?q=numbat");
        var card = page.Locator(".result-card", new() { HasText = "Field Guide" });
        await card.WaitForAsync();
        Assert.Equal("numbat", await card.Locator("mark").First.InnerTextAsync());
        var snippetLink = card.Locator("a.snippet-page");
        Assert.Equal("Page 2", await snippetLink.InnerTextAsync());
        await WebPages.ScreenshotAsync(page, "web-search");

        await snippetLink.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/documents/[0-9a-f]+\?page=2&q=numbat$"));
        // The app's own viewer (pdf.js), at page 2 with the word marked on its text layer.
        var viewer = page.Locator("aithena-pdf-viewer");
        var source = await viewer.GetAttributeAsync("src");
        Assert.Matches(@"^/documents/[0-9a-f]+/file$", source);
        await page.Locator("aithena-pdf-viewer[data-state=ready]").WaitForAsync();
        Assert.Equal("numbat", await viewer.Locator(".textLayer mark.highlight").First.InnerTextAsync());
        Assert.Equal("Page 2", await page.Locator(".best-pages a.snippet-page").First.InnerTextAsync());
        // What the viewer loads is the PDF itself, through the web app.
        var file = await page.APIRequest.GetAsync(source!);
        Assert.Equal(200, file.Status);
        Assert.Equal("application/pdf", file.Headers["content-type"]);
        Assert.Equal(pdf, await file.BodyAsync());
        await WebPages.ScreenshotAsync(page, "web-document");
    }

    [Fact, Step(6)]
    public async Task A_non_pdf_and_a_hostile_file_name_get_readable_errors_and_the_name_stays_text()
    {
        await app.WaitHealthyAsync("web");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(WebUrl);
        await WebPages.SignInAsync(page, "admin", app.AdminPassword);
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync("/upload");
        await page.Locator("#files:not([disabled])").WaitForAsync();
        const string hostile = "<img src=x onerror=alert(1)>.pdf";
        await page.Locator("#files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("just some notes") },
            new FilePayload { Name = hostile, MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes("<html>not a pdf at all</html>") },
        });

        var notes = page.Locator(".upload-item", new() { HasText = "notes.txt" });
        var evil = page.Locator(".upload-item", new() { HasText = hostile });
        await notes.Locator(".badge-failed").WaitForAsync();
        await evil.Locator(".badge-failed").WaitForAsync();
        Assert.Contains("Not a PDF.", await notes.Locator(".upload-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Not a PDF.", await evil.Locator(".upload-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(hostile, await evil.Locator(".upload-name").InnerTextAsync());
        Assert.Equal(0, await page.Locator(".upload-list img").CountAsync());
        Assert.Equal(0, dialogs);
        await WebPages.ScreenshotAsync(page, "web-upload-errors");
    }

    [Fact, Step(7)]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violation_on_a_desktop_and_at_375_px()
    {
        await app.WaitHealthyAsync("web");
        await using var browser = await Chromium.LaunchAsync();
        var violations = new List<string>();
        foreach (var width in new[] { 1280, 375 })
        {
            var page = await browser.NewPageAsync(WebUrl, width, width == 375 ? 812 : 900);
            await page.GotoAsync("/signin");
            violations.AddRange((await WebPages.SeriousViolationsAsync(page)).Select(v => $"/signin at {width} px: {v}"));
            await WebPages.SignInAsync(page, "admin", app.AdminPassword);
            foreach (var path in new[] { "/", "/?q=numbat", "/library", "/library?status=failed", "/upload", "/status", "/account", "/admin", "/no-such-page" })
            {
                await page.GotoAsync(path);
                await page.Locator("h1").First.WaitForAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                violations.AddRange((await WebPages.SeriousViolationsAsync(page)).Select(v => $"{path} at {width} px: {v}"));
                if (width == 375)
                {
                    // Nothing wider than the screen: readable without scrolling sideways.
                    var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
                    Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a 375 px screen");
                }
            }

            // The document page, reached as a person reaches it.
            await page.GotoAsync("/?q=numbat");
            await page.Locator(".result-card a.snippet-page").First.ClickAsync();
            await page.Locator("aithena-pdf-viewer[data-state=ready]").WaitForAsync();
            violations.AddRange((await WebPages.SeriousViolationsAsync(page)).Select(v => $"document at {width} px: {v}"));

            if (width == 1280)
            {
                await page.GotoAsync("/library");
                await WebPages.ScreenshotAsync(page, "web-library");
                await page.GotoAsync("/status");
                await page.Locator(".service").First.WaitForAsync();
                // Queue figures from the broker's management API, as the monitoring user: the Indexer consumes both of its queues.
                foreach (var queue in new[] { "index-document", "embed-document" })
                {
                    await page.Locator($"tr[data-queue='{queue}'] td.queue-consumers:text-is('1')").WaitForAsync();
                }

                // Live: the page refreshes itself once its circuit is connected.
                await page.GetByText("refreshes every").WaitForAsync();
                await WebPages.ScreenshotAsync(page, "web-status");
            }
            else
            {
                await page.GotoAsync("/?q=numbat");
                await WebPages.ScreenshotAsync(page, "web-search-375");
            }

            await page.Context.CloseAsync();
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
