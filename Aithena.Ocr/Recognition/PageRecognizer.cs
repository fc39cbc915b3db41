using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Aithena.Ocr.Recognition;

/// <summary>
/// Reads one page of a PDF by OCR: its size from <c>pdfinfo</c> (refused before rendering when the image would pass
/// <see cref="OcrOptions.MaxPagePixels"/>), rendered grey at <see cref="OcrOptions.Dpi"/> by <c>pdftoppm</c>, its PNG
/// header checked against the same cap (a page size can lie), then recognised by <c>tesseract</c>. Every step shares the
/// page's <see cref="OcrOptions.PageTimeout"/>.
/// </summary>
public sealed partial class PageRecognizer(ToolRunner tools, IOptions<OcrOptions> options)
{
    public async Task<string> RecognizeAsync(string pdfPath, int page, string workFolder, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        var number = page.ToString(CultureInfo.InvariantCulture);

        var info = await RunAsync("pdfinfo", ["-f", number, "-l", number, pdfPath], workFolder, started, cancellationToken);
        var size = PageSize().Match(info.Output);
        if (!size.Success)
        {
            throw new PageRecognitionException($"pdfinfo did not report the size of page {page}.");
        }

        var width = double.Parse(size.Groups["w"].Value, CultureInfo.InvariantCulture) / 72 * o.Dpi;
        var height = double.Parse(size.Groups["h"].Value, CultureInfo.InvariantCulture) / 72 * o.Dpi;
        CheckPixels(width, height, "page size");

        var prefix = Path.Combine(workFolder, $"page-{number}");
        await RunAsync("pdftoppm", ["-r", o.Dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", "-f", number, "-l", number, pdfPath, prefix],
            workFolder, started, cancellationToken);
        var image = prefix + ".png";
        var (pixelsWide, pixelsHigh) = await ReadPngSizeAsync(image, cancellationToken);
        CheckPixels(pixelsWide, pixelsHigh, "rendered image");

        var text = await RunAsync("tesseract", [image, "stdout", "-l", o.Languages], workFolder, started, cancellationToken);
        File.Delete(image);
        return text.Output.Replace('\f', '\n').Trim();
    }

    /// <summary>The width and height in a PNG's IHDR chunk, which always comes first (bytes 16 to 24).</summary>
    public static async Task<(int Width, int Height)> ReadPngSizeAsync(string path, CancellationToken cancellationToken)
    {
        var header = new byte[24];
        await using (var stream = File.OpenRead(path))
        {
            await stream.ReadExactlyAsync(header, cancellationToken);
        }

        if (!header.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new PageRecognitionException("pdftoppm did not write a PNG image.");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }

    private void CheckPixels(double width, double height, string what)
    {
        var o = options.Value;
        if (width * height > o.MaxPagePixels)
        {
            throw new PageRecognitionException(
                $"The page's {what} is {width:F0} x {height:F0} pixels at {o.Dpi} dpi, more than Ocr:MaxPagePixels ({o.MaxPagePixels:N0}).");
        }
    }

    private async Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> arguments, string workFolder, long started, CancellationToken cancellationToken)
    {
        var remaining = options.Value.PageTimeout - Stopwatch.GetElapsedTime(started);
        if (remaining <= TimeSpan.Zero)
        {
            throw new PageRecognitionException($"The page took longer than Ocr:PageTimeout ({options.Value.PageTimeout.TotalSeconds:F0} s).");
        }

        var result = await tools.RunAsync(tool, arguments, workFolder, remaining, cancellationToken);
        if (result.ExitCode != 0)
        {
            var why = result.Errors.Trim();
            throw new PageRecognitionException($"{tool} failed (exit code {result.ExitCode}){(why.Length > 0 ? ": " + why : ".")}");
        }

        return result;
    }

    [GeneratedRegex(@"^Page\s+\d+\s+size:\s+(?<w>[0-9.]+)\s+x\s+(?<h>[0-9.]+)\s+pts", RegexOptions.Multiline)]
    private static partial Regex PageSize();
}
