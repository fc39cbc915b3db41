using Microsoft.Extensions.Options;

namespace Aithena.Ocr.Recognition;

/// <summary>
/// Checked on start, so a worker that cannot recognise anything never takes a command: the tools must be in
/// <see cref="OcrOptions.ToolsFolder"/> and every language of <see cref="OcrOptions.Languages"/> must have its
/// Tesseract data (Debian: /usr/share/tesseract-ocr/VERSION/tessdata, or <c>TESSDATA_PREFIX</c>).
/// </summary>
public sealed class OcrOptionsValidator : IValidateOptions<OcrOptions>
{
    private static readonly string[] Tools = ["pdfinfo", "pdftoppm", "tesseract"];

    public ValidateOptionsResult Validate(string? name, OcrOptions options)
    {
        var failures = new List<string>();
        foreach (var tool in Tools.Where(tool => !File.Exists(Path.Combine(options.ToolsFolder, tool))))
        {
            failures.Add($"{tool} is not in Ocr:ToolsFolder ({options.ToolsFolder}); scripts/ocr-tools.sh install puts it there.");
        }

        var folders = TessdataFolders().ToList();
        foreach (var language in (options.Languages ?? "").Split('+', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!folders.Any(folder => File.Exists(Path.Combine(folder, $"{language}.traineddata"))))
            {
                failures.Add($"Tesseract has no data for the language '{language}' of Ocr:Languages (Debian: apt-get install tesseract-ocr-{language}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> TessdataFolders()
    {
        if (Environment.GetEnvironmentVariable("TESSDATA_PREFIX") is { Length: > 0 } prefix)
        {
            yield return prefix;
            yield return Path.Combine(prefix, "tessdata");
        }

        const string debian = "/usr/share/tesseract-ocr";
        if (Directory.Exists(debian))
        {
            foreach (var version in Directory.GetDirectories(debian))
            {
                yield return Path.Combine(version, "tessdata");
            }
        }
    }
}
