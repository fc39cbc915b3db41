using System.Diagnostics;
using Aithena.Catalog.Covers;
using Aithena.Indexer.Indexing;
using Aithena.Testing;

namespace Aithena.Benchmarks;

/// <summary>
/// Where an Indexer's CPU goes on the corpus, stage by stage: each tool the Indexer starts run over every file with the
/// Indexer's own arguments, one process at a time, and its CPU time read from what the kernel charges this process for
/// the children it has waited for. The sum against pdftotext's CPU says how far two Indexers can get on two cores, which
/// no tuning of the Indexer's own code can pass.
/// </summary>
public static class ExtractionCpu
{
    public sealed record Stage(string Work, TimeSpan Cpu, int Files);

    /// <summary>The stages of <paramref name="files"/> (path and page count), the right-to-left ones found as the Indexer finds them.</summary>
    public static async Task<IReadOnlyList<Stage>> MeasureAsync(IReadOnlyList<(string Path, int Pages)> files, string scratch, CancellationToken cancellationToken)
    {
        BenchContext.Log($"corpus: CPU by stage, {files.Count} PDFs");
        var rightToLeft = new List<(string Path, int Pages)>();
        var text = await StageAsync("MuPDF's text (`mutool draw -F txt`), every page", files, f => MuPdfTextExtractor.TextArguments(f.Path, 1, f.Pages), (file, output) =>
        {
            if (MuPdfTextExtractor.IsMostlyRightToLeft(output.Split('\f')))
            {
                rightToLeft.Add(file);
            }
        }, cancellationToken);
        var spaced = await StageAsync("Right-to-left documents read again for their word spaces (`mupdf-spaced-text.js`)", rightToLeft,
            f => MuPdfTextExtractor.SpacedTextArguments(f.Path, 1, f.Pages), null, cancellationToken);
        var outline = await StageAsync("Outlines: locked, pages, title, author (`mupdf-outline.js`)", files,
            f => MuPdfTextExtractor.OutlineArguments(f.Path, new IndexerOptions().MaxNestingDepth), null, cancellationToken);
        var covers = await StageAsync("Covers (`mutool draw`, page 1 at 200 px)", files,
            f => CoverCommand.Arguments(f.Path, Path.Combine(scratch, "cover")), null, cancellationToken);
        return [text, spaced, outline, covers];
    }

    private static async Task<Stage> StageAsync(string work, IReadOnlyList<(string Path, int Pages)> files, Func<(string Path, int Pages), IReadOnlyList<string>> arguments,
        Action<(string Path, int Pages), string>? read, CancellationToken cancellationToken)
    {
        var before = ProcessCpu.WaitedChildren();
        foreach (var file in files)
        {
            var info = new ProcessStartInfo(MuPdfTextExtractor.Tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments(file))
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{MuPdfTextExtractor.Tool} did not start");
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await errors;
            read?.Invoke(file, output);
        }

        return new Stage(work, ProcessCpu.WaitedChildren() - before, files.Count);
    }
}
