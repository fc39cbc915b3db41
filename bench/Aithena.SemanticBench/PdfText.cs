using System.Diagnostics;
using System.Globalization;

namespace Aithena.SemanticBench;

/// <summary>A real PDF's text per page, as poppler's pdftotext reads it (the corpus's reference text).</summary>
public static class PdfText
{
    /// <param name="lastPage">Read only up to this page; null: every page.</param>
    public static async Task<string[]> PagesAsync(string pdf, int? lastPage = null)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (lastPage is { } last)
        {
            start.ArgumentList.Add("-l");
            start.ArgumentList.Add(last.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var argument in new[] { "-enc", "UTF-8", pdf, "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start (apt-get install poppler-utils)");
        var stderr = process.StandardError.ReadToEndAsync();
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stderr;
        // pdftotext ends every page with a form feed.
        return text.Split('\f').SkipLast(1).ToArray();
    }
}
