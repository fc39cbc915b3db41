using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aithena.Catalog.Covers;
using Aithena.Testing;

namespace Aithena.Benchmarks;

/// <summary>
/// Section 9: covers of the real corpus (scripts/corpus.sh), drawn with the Indexer's own command
/// (<see cref="CoverCommand"/>: MuPDF's mutool draw, page 1 at 200 px), one process at a time and two at once, as one and
/// two Indexers would: covers per second, time per cover and the PNG's size.
/// </summary>
public sealed class CoverBenchmark(BenchContext context)
{
    public const string Title = "9. Covers";

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var report = new Report().Heading(Title);
        var files = CorpusFile.ReadManifest(context.Options.CorpusDirectory).ToList();
        if (context.Smoke && files.Count == 0)
        {
            files = CorpusFile.ReadManifest(Path.Combine(context.Options.RepoRoot, ".aithena", "corpus-sample")).ToList();
        }

        if (files.Count == 0)
        {
            return report.Paragraph($"**Skipped:** no corpus in `{context.Options.CorpusDirectory}`; `scripts/corpus.sh` builds it.");
        }

        if (context.Smoke)
        {
            files = files.Take(3).ToList();
        }

        var output = Path.Combine(context.Options.RepoRoot, ".aithena", "tmp", "bench-covers-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(output);
        try
        {
            await RenderAllAsync(files.Take(2).ToList(), 1, output, cancellationToken); // warm the page cache and the tool's libraries
            var one = await RenderAllAsync(files, 1, output, cancellationToken);
            var two = await RenderAllAsync(files, 2, output, cancellationToken);
            context.Targets.Add(new TargetResult("Covers keep up with indexing: >= 10 covers/s with 2 processes", $"{Report.N(two.PerSecond, 1)} covers/s", two.PerSecond >= 10));
            var row = (string name, Pass pass) => (IReadOnlyList<string>)
            [
                name, Report.N(pass.PerSecond, 1), Report.Ms(Stats.Median(pass.Milliseconds)), Report.Ms(Stats.Percentile(pass.Milliseconds, 95)),
                Report.Ms(pass.Milliseconds.Max()), Report.N(Stats.Median(pass.Kilobytes), 1), pass.Failures.ToString(CultureInfo.InvariantCulture),
            ];
            return report.Paragraph(
                $"""
                Page 1 of each of the corpus's {files.Count} PDFs drawn as the Indexer draws a cover (`{CoverCommand.Tool} {string.Join(' ', CoverCommand.Arguments("file.pdf", "cover"))}`,
                a child process per cover), one at a time, then two at once (two Indexers), after two warm-up covers. A cover is drawn
                once per document, after its text is committed; the Indexer does not wait for it to answer searches.
                """).Table(["", "covers/s", "p50 ms", "p95 ms", "max ms", "PNG p50 KB", "failed"],
            [
                row("1 process", one),
                row("2 processes", two),
                ["2 / 1", Report.Ratio(two.PerSecond / one.PerSecond), "", "", "", "", ""],
            ]);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<Pass> RenderAllAsync(List<CorpusFile> files, int parallel, string output, CancellationToken cancellationToken)
    {
        BenchContext.Log($"covers: {files.Count} PDFs, {parallel} at a time");
        var milliseconds = new ConcurrentBag<double>();
        var kilobytes = new ConcurrentBag<double>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (file, token) =>
        {
            var prefix = Path.Combine(output, Guid.NewGuid().ToString("N"));
            var info = new ProcessStartInfo(CoverCommand.Tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in CoverCommand.Arguments(file.FullPath, prefix))
            {
                info.ArgumentList.Add(argument);
            }

            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(info)!;
            var drain = Task.WhenAll(process.StandardError.ReadToEndAsync(token), process.StandardOutput.ReadToEndAsync(token));
            await process.WaitForExitAsync(token);
            await drain;
            var elapsed = Stats.ElapsedMs(started);
            var png = prefix + ".png";
            if (process.ExitCode != 0 || !File.Exists(png))
            {
                Interlocked.Increment(ref failures);
                return;
            }

            milliseconds.Add(elapsed);
            kilobytes.Add(new FileInfo(png).Length / 1024.0);
            File.Delete(png);
        });
        return new Pass(files.Count / clock.Elapsed.TotalSeconds, milliseconds.ToList(), kilobytes.ToList(), failures);
    }

    private sealed record Pass(double PerSecond, List<double> Milliseconds, List<double> Kilobytes, int Failures);
}
