using System.Collections.Concurrent;
using System.Diagnostics;
using Aithena.Catalog;
using Aithena.Testing;
using Microsoft.Data.Sqlite;

namespace Aithena.Benchmarks;

/// <summary>
/// OCR of scanned pages: real pages (scripts/corpus.sh, Latin-script manuals) rendered at 150 dpi grey and wrapped
/// without a text layer, as a scanner makes them; then recognised end to end by one and by two OCR worker processes
/// (Indexer, queue, pdfinfo + pdftoppm + tesseract, catalog), against <c>tesseract</c> run directly on the same rendered
/// images, one and two at a time, in the same run. Accuracy: the share of pdftotext's words of 5+ letters on each
/// original page that the recognised text holds.
/// </summary>
public sealed class OcrBenchmark(BenchContext context)
{
    public const string Title = "7. OCR of scanned pages: the worker against tesseract";
    private const int Dpi = 150;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
    private static readonly string[] LatinPackages = ["texlive-fonts-recommended-doc", "texlive-latex-recommended-doc"];

    private sealed record ScannedPage(string Name, CorpusFile Source, int Page, string Image, HashSet<string> Reference);

    private sealed record Pass(string Label, int Processes, TimeSpan Elapsed, int Pages)
    {
        public double PagesPerSecond => Pages / Elapsed.TotalSeconds;
        public double PagesPerSecondPerProcess => PagesPerSecond / Processes;
    }

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var report = new Report().Heading(Title);
        var work = Directory.CreateTempSubdirectory("aithena-bench-ocr-").FullName;
        try
        {
            var pages = await PickPagesAsync(work, context.Smoke ? 1 : 10, cancellationToken);
            if (pages.Count == 0)
            {
                return report.Paragraph("**Skipped:** no Latin-script PDF in the corpus; `scripts/corpus.sh` (or `--sample`) builds it.");
            }

            var passes = new List<Pass>
            {
                await RunTesseractAsync(pages, 1, cancellationToken),
                await RunTesseractAsync(pages, 2, cancellationToken),
            };
            Dictionary<string, string> recognised = [];
            foreach (var workers in (int[])[1, 2])
            {
                var (pass, texts) = await RunWorkersAsync(pages, workers, cancellationToken);
                passes.Add(pass);
                if (workers == 1)
                {
                    recognised = texts;
                }
            }

            return Write(report, pages, passes, recognised);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Pages 2 and 3 (past the title page) of the smallest Latin-script files, those with at least 40 words of 5+ letters, rendered.</summary>
    private async Task<List<ScannedPage>> PickPagesAsync(string work, int count, CancellationToken cancellationToken)
    {
        var directory = context.Options.CorpusDirectory;
        if (!File.Exists(Path.Combine(directory, "manifest.tsv")))
        {
            directory = Path.Combine(context.Options.RepoRoot, ".aithena", "corpus-sample");
        }

        var pages = new List<ScannedPage>();
        foreach (var file in CorpusFile.ReadManifest(directory).Where(f => LatinPackages.Contains(f.Package)).OrderBy(f => f.Size))
        {
            if (pages.Count == count)
            {
                break;
            }

            foreach (var page in (int[])[2, 3])
            {
                if (pages.Count == count)
                {
                    break;
                }

                var number = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var text = await ToolAsync("pdftotext", ["-q", "-enc", "UTF-8", "-f", number, "-l", number, file.FullPath, "-"], cancellationToken);
                var reference = LongWords(text);
                // Pages of running text: a table of macro names (\Pickup \Letter \Mobilefone ...) is no test of reading,
                // and its words run together once printed side by side (such a page scored 8 % in a first run).
                if (reference.Count < 40 || text.Count(c => c == '\\') > 5)
                {
                    continue;
                }

                var prefix = Path.Combine(work, $"page-{pages.Count + 1}");
                await ToolAsync("pdftoppm", ["-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", "-f", number, "-l", number, file.FullPath, prefix], cancellationToken);
                pages.Add(new ScannedPage($"page-{pages.Count + 1}", file, page, prefix + ".png", reference));
            }
        }

        BenchContext.Log($"ocr: {pages.Count} pages rendered at {Dpi} dpi");
        return pages;
    }

    /// <summary>The bare tool: <c>tesseract page.png stdout -l eng</c>, one thread each, <paramref name="parallel"/> at a time.</summary>
    private static async Task<Pass> RunTesseractAsync(List<ScannedPage> pages, int parallel, CancellationToken cancellationToken)
    {
        BenchContext.Log($"ocr: tesseract x{parallel}");
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (page, ct) => await ToolAsync("tesseract", [page.Image, "stdout", "-l", "eng"], ct));
        clock.Stop();
        return new Pass($"tesseract directly, {parallel} at a time", parallel, clock.Elapsed, pages.Count);
    }

    /// <summary>
    /// The pages as image-only PDFs in a library of their own, indexed by one Indexer and recognised by
    /// <paramref name="workers"/> OCR worker processes, timed from the first command to the last page's commit.
    /// </summary>
    private async Task<(Pass Pass, Dictionary<string, string> Texts)> RunWorkersAsync(List<ScannedPage> pages, int workers, CancellationToken cancellationToken)
    {
        BenchContext.Log($"ocr: {workers} OCR worker(s)");
        var vhost = await context.Broker.CreateVirtualHostAsync("bench-ocr");
        var library = new TestLibrary("bench-ocr", Path.Combine(context.Options.RepoRoot, ".aithena", "tmp"));
        try
        {
            // One warm-up scan per worker, sent together, so that each (prefetch 1) takes one.
            var warmUp = new ListerBatch();
            for (var i = 0; i < workers; i++)
            {
                var warmUpPath = $"warm-up/scan-{i}.pdf";
                var warmUpFile = Path.Combine(library.LibraryPath, warmUpPath);
                Directory.CreateDirectory(Path.GetDirectoryName(warmUpFile)!);
                await ToolAsync("img2pdf", [pages[0].Image, "-o", warmUpFile], cancellationToken);
                warmUp.Add(warmUpPath, warmUpFile);
            }

            var batch = new ListerBatch();
            foreach (var page in pages)
            {
                var path = $"scans/{page.Name}.pdf";
                var full = Path.Combine(library.LibraryPath, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await ToolAsync("img2pdf", [page.Image, "-o", full], cancellationToken);
                batch.Add(path, full);
            }

            await using var indexer = await context.StartAsync("Aithena.Indexer", 1, vhost, library, cancellationToken);
            await using var group = await context.StartAsync("Aithena.Ocr", workers, vhost, library, cancellationToken);
            await using var store = CatalogStore.Open(library.CatalogConnectionString);
            await store.Documents.MarkQueuedAsync(warmUp.Queued, cancellationToken);
            await store.Documents.MarkQueuedAsync(batch.Queued, cancellationToken);
            await using var bus = await AithenaBus.StartAsync(context.Broker.ConnectionString(vhost), cancellationToken);
            var endpoint = await bus.Bus.GetSendEndpoint(Contracts.QueueNames.IndexDocumentAddress);
            // A document through every process first, so the timed pass measures work, not each process's first JIT.
            foreach (var command in warmUp.Commands)
            {
                await endpoint.Send(command, cancellationToken);
            }

            await Load.UntilAsync(async () => await CountRecognisedAsync(library.CatalogConnectionString, cancellationToken) == workers,
                Timeout, TimeSpan.FromMilliseconds(200), "the warm-up scan to be recognised", cancellationToken);

            var clock = Stopwatch.StartNew();
            foreach (var command in batch.Commands)
            {
                await endpoint.Send(command, cancellationToken);
            }

            await Load.UntilAsync(async () => await CountRecognisedAsync(library.CatalogConnectionString, cancellationToken) == pages.Count + workers,
                Timeout, TimeSpan.FromMilliseconds(200), $"{pages.Count} scanned pages to be recognised", cancellationToken);
            clock.Stop();
            var texts = await ReadTextsAsync(library.CatalogConnectionString, cancellationToken);
            return (new Pass($"Aithena.Ocr, {workers} process(es) (end to end: queue, pdfinfo, pdftoppm, tesseract, catalog)", workers, clock.Elapsed, pages.Count), texts);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            library.Dispose();
            await context.Broker.DeleteVirtualHostAsync(vhost);
        }
    }

    private static async Task<int> CountRecognisedAsync(string catalog, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(catalog + ";Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM documents WHERE ocr IN ('done', 'failed')";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Each scan's recognised text (its one page), by page name.</summary>
    private static async Task<Dictionary<string, string>> ReadTextsAsync(string catalog, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(catalog + ";Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT d.file_name, p.text FROM documents d JOIN pages p ON p.document_id = d.id";
        var texts = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            texts[Path.GetFileNameWithoutExtension(reader.GetString(0))] = reader.GetString(1);
        }

        return texts;
    }

    private Report Write(Report report, List<ScannedPage> pages, List<Pass> passes, Dictionary<string, string> recognised)
    {
        var accuracy = pages.Select(p => (Page: p, Found: p.Reference.Count(LongWords(recognised.GetValueOrDefault(p.Name, "")).Contains))).ToList();
        var found = accuracy.Sum(a => a.Found);
        var total = pages.Sum(p => p.Reference.Count);
        var share = total == 0 ? double.NaN : (double)found / total;

        var bareOne = passes[0];
        var workerOne = passes[2];
        var bareTwo = passes[1];
        var workerTwo = passes[3];
        var perCore = bareOne.PagesPerSecondPerProcess / workerOne.PagesPerSecondPerProcess;
        context.Targets.Add(new TargetResult("OCR: one worker within 1.2x of bare tesseract per core (seconds a page)",
            $"{Report.N(1 / workerOne.PagesPerSecond, 1)} vs {Report.N(1 / bareOne.PagesPerSecond, 1)} s a page ({Report.Ratio(perCore)})", perCore <= 1.2));
        context.Targets.Add(new TargetResult("OCR: >= 90 % of pdftotext's words of 5+ letters found on clean 150-dpi renders",
            $"{Report.Percent(share)} ({found} of {total})", share >= 0.9));

        report.Paragraph(
            $"{pages.Count} real pages of running text (pages 2 and 3 of the smallest Latin-script manuals of the corpus, skipping pages that list " +
            $"macro names, whose words OCR runs together), rendered at {Dpi} dpi grey by `pdftoppm` " +
            "and wrapped without a text layer by `img2pdf`. The worker rows are end to end (the Indexer finds the pages textless and " +
            "queues them; each worker runs `pdfinfo`, `pdftoppm` and `tesseract -l eng` with one thread and commits the page); " +
            "the tesseract rows run the bare tool on the already rendered images, so they leave out rendering. Each worker pass starts " +
            "after one warm-up document went through (the first message of a fresh process pays for loading its code). Same run, same machine.");
        report.Table(["Pass", "Processes", "Pages", "Seconds", "Pages/s", "Seconds a page, per process"],
            passes.Select(p => (IReadOnlyList<string>)[p.Label, p.Processes.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Pages.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Report.N(p.Elapsed.TotalSeconds, 1), Report.N(p.PagesPerSecond, 3), Report.N(p.Processes / p.PagesPerSecond, 1)]));
        report.Paragraph(
            $"Two workers against one: {Report.Ratio(workerTwo.PagesPerSecond / workerOne.PagesPerSecond)} the pages/s " +
            $"(bare tesseract two at a time against one: {Report.Ratio(bareTwo.PagesPerSecond / bareOne.PagesPerSecond)}).");
        report.Paragraph($"Word accuracy: {Report.Percent(share)} of pdftotext's words of 5+ letters on the original pages were in the recognised text ({found} of {total}).");
        report.Table(["Page", "Source", "Words of 5+ letters (pdftotext)", "Found by OCR"],
            accuracy.Select(a => (IReadOnlyList<string>)[a.Page.Name, $"{a.Page.Source.Name} p. {a.Page.Page}", a.Page.Reference.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Report.Percent(a.Page.Reference.Count == 0 ? double.NaN : (double)a.Found / a.Page.Reference.Count)]));
        return report;
    }

    private static HashSet<string> LongWords(string text) => Vocabulary.Of(text).Where(w => w.Length >= 5).ToHashSet(StringComparer.Ordinal);

    private static async Task<string> ToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start (scripts/ocr-tools.sh install)");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await errors;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await errors}");
        }

        return output;
    }
}
