using System.Diagnostics;

namespace Aithena.Testing;

/// <summary>Poppler's <c>pdftotext</c>, the reference a mature native extractor gives: one process per file.</summary>
public static class PdfToText
{
    /// <summary>The file's text in UTF-8, pages ended by form feeds; empty when pdftotext cannot read it.</summary>
    public static async Task<string> ReadAsync(string pdf, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-q", "-enc", "UTF-8", pdf, "-"])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("pdftotext did not start (apt-get install poppler-utils)");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await stderr;
        return process.ExitCode == 0 ? text : "";
    }
}
