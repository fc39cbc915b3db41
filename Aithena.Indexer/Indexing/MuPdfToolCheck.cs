using Microsoft.Extensions.Options;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Refuses to start an Indexer set to read with MuPDF (the default) on a machine without <c>mutool</c> or <c>prlimit</c>:
/// every document would otherwise fail one by one, for a reason that is the machine's and not theirs.
/// </summary>
public sealed class MuPdfToolCheck : IValidateOptions<IndexerOptions>
{
    public ValidateOptionsResult Validate(string? name, IndexerOptions options) => Check(options, Environment.GetEnvironmentVariable("PATH"));

    /// <param name="path">The folders to look in, as the PATH variable lists them.</param>
    internal static ValidateOptionsResult Check(IndexerOptions options, string? path)
    {
        if (options.TextExtractor != TextExtractor.MuPdf)
        {
            return ValidateOptionsResult.Success;
        }

        var missing = new[] { (MuPdfTextExtractor.Tool, "mupdf-tools"), (MuPdfTextExtractor.Limiter, "util-linux") }
            .Where(tool => !IsOn(path, tool.Item1)).ToList();
        if (missing.Count > 0)
        {
            return ValidateOptionsResult.Fail(
                $"Indexer:TextExtractor is MuPdf, but {string.Join(" and ", missing.Select(m => m.Item1))} {(missing.Count == 1 ? "is" : "are")} not on PATH: " +
                $"install Debian's {string.Join(" and ", missing.Select(m => m.Item2))} (scripts/run.sh and scripts/test.sh do), or set Indexer:TextExtractor=PdfPig.");
        }

        string[] scripts = [MuPdfTextExtractor.OutlineScript, MuPdfTextExtractor.SpacedTextScript];
        return scripts.FirstOrDefault(script => !File.Exists(script)) is { } lost
            ? ValidateOptionsResult.Fail($"The Indexer's {lost} is missing: the build copies it beside the assembly.")
            : ValidateOptionsResult.Success;
    }

    private static bool IsOn(string? path, string tool) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool)));
}
