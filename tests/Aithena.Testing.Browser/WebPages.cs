using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Aithena.Testing;

/// <summary>What tests do with the web app's pages in <see cref="Chromium"/>: sign in, ask axe-core, photograph.</summary>
public static class WebPages
{
    /// <summary>Signs in through the sign-in page, as a person does, and waits for the page it leads to.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password, string from = "/")
    {
        await page.GotoAsync("/signin?returnUrl=" + Uri.EscapeDataString(from));
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator(".session a[href='/account']").WaitForAsync();
    }

    /// <summary>axe-core's serious and critical violations on the page as it stands (shadow roots included), one line each.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions { Iframes = false });
        return results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")
            .ToList();
    }

    /// <summary>A full-page screenshot for the README: docs/images/<paramref name="name"/>.png.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repo.Root, "docs", "images", name + ".png"), FullPage = true });
}
