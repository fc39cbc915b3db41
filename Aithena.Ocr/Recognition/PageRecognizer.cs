using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Aithena.Ocr.Recognition;

/// <summary>
/// Reads one page of a PDF by OCR: its size from <c>pdfinfo</c> (refused before rendering when the image would pass
/// <see cref="OcrOptions.MaxPagePixels"/>), rendered grey at <see cref="OcrOptions.Dpi"/> by <c>pdftoppm</c>, its image
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
        // PGM, not PNG: the image is written once and read once, by tesseract, from local disk, and PNG's compression
        // cost more than the rendering itself (a manual's page at 150 dpi: 0.7 s as PNG, 0.09 s as PGM).
        await RunAsync("pdftoppm", ["-r", o.Dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-singlefile", "-f", number, "-l", number, pdfPath, prefix],
            workFolder, started, cancellationToken);
        var image = prefix + ".pgm";
        var (pixelsWide, pixelsHigh) = await ReadPgmSizeAsync(image, cancellationToken);
        CheckPixels(pixelsWide, pixelsHigh, "rendered image");

        var text = await RunAsync("tesseract", [image, "stdout", "-l", o.Languages], workFolder, started, cancellationToken);
        File.Delete(image);
        return text.Output.Replace('\f', '\n').Trim();
    }

    /// <summary>
    /// The width and height in a binary PGM's header (<c>P5</c>, then width, height and the maximum grey value, separated
    /// by white space, with <c>#</c> comments allowed): what <c>pdftoppm -gray</c> writes.
    /// </summary>
    public static async Task<(int Width, int Height)> ReadPgmSizeAsync(string path, CancellationToken cancellationToken)
    {
        var header = new byte[256];
        int read;
        await using (var stream = File.OpenRead(path))
        {
            read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var fields = new List<string>();
        var position = 0;
        while (fields.Count < 3 && position < read)
        {
            var c = (char)header[position];
            if (c == '#')
            {
                while (position < read && header[position] != '\n')
                {
                    position++;
                }
            }
            else if (!char.IsWhiteSpace(c))
            {
                var start = position;
                while (position < read && !char.IsWhiteSpace((char)header[position]))
                {
                    position++;
                }

                fields.Add(System.Text.Encoding.ASCII.GetString(header, start, position - start));
                continue;
            }

            position++;
        }

        if (fields.Count < 3 || fields[0] != "P5"
            || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var width) || !int.TryParse(fields[2], CultureInfo.InvariantCulture, out var height))
        {
            throw new PageRecognitionException("pdftoppm did not write a grey image (PGM).");
        }

        return (width, height);
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
