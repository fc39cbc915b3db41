using System.Diagnostics;

namespace Aithena.Testing;

/// <summary>
/// PDFs without a text layer, as a scanner makes them: pages rendered to grey images by poppler's <c>pdftoppm</c> and
/// wrapped by <c>img2pdf</c> (so <c>pdftotext</c> finds nothing), and documents mixing such pages with born-digital ones
/// (<c>pdfunite</c>).
/// </summary>
public static class ScannedPdf
{
    /// <summary>An image-only PDF of these pages (each made by <see cref="TestPdf"/>, rendered at <paramref name="dpi"/>).</summary>
    public static Task<byte[]> OfPagesAsync(IReadOnlyList<string> pages, int dpi = 150) => ScanAsync(TestPdf.Create(pages), dpi);

    /// <summary>Every page of <paramref name="pdf"/> rendered to a grey image, wrapped without a text layer.</summary>
    public static Task<byte[]> ScanAsync(byte[] pdf, int dpi = 150, string? pageSize = null) => InTempFolderAsync(async folder =>
    {
        var source = Path.Combine(folder, "source.pdf");
        await File.WriteAllBytesAsync(source, pdf);
        await RunAsync("pdftoppm", ["-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", "-png", source, Path.Combine(folder, "page")]);
        var images = Directory.GetFiles(folder, "page*.png").Order(StringComparer.Ordinal).ToList();
        var scan = Path.Combine(folder, "scan.pdf");
        await RunAsync("img2pdf", [.. images, .. pageSize is null ? Array.Empty<string>() : ["--pagesize", pageSize], "-o", scan]);
        return await File.ReadAllBytesAsync(scan);
    });

    /// <summary>The pages of several PDFs, in order, in one document (poppler's <c>pdfunite</c>).</summary>
    public static Task<byte[]> JoinAsync(params byte[][] pdfs) => InTempFolderAsync(async folder =>
    {
        var parts = new List<string>();
        for (var i = 0; i < pdfs.Length; i++)
        {
            var part = Path.Combine(folder, $"part{i}.pdf");
            await File.WriteAllBytesAsync(part, pdfs[i]);
            parts.Add(part);
        }

        var joined = Path.Combine(folder, "joined.pdf");
        await RunAsync("pdfunite", [.. parts, joined]);
        return await File.ReadAllBytesAsync(joined);
    });

    private static async Task RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install poppler-utils img2pdf)");
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await errors}");
        }
    }

    private static async Task<byte[]> InTempFolderAsync(Func<string, Task<byte[]>> make)
    {
        var folder = Directory.CreateTempSubdirectory("aithena-scan-").FullName;
        try
        {
            return await make(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
