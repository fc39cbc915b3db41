using System.Diagnostics;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Aithena.Benchmarks;

/// <summary>
/// Real PDFs (scripts/corpus.sh: Debian's documentation packages, many producers and scripts) indexed end to end by
/// one and by two Indexer processes, side by side with poppler's <c>pdftotext</c> (one process per file, as a shell
/// loop would run it, one and two at a time) on the same files in the same run; then how much of pdftotext's
/// vocabulary each document's indexed text holds, and the files that fared worst.
/// </summary>
public sealed class CorpusBenchmark(BenchContext context)
{
    public const string Title = "5. Real PDFs: the Indexer against pdftotext";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    private sealed record Reference(int Pages, HashSet<string> Words);

    private sealed record Indexed(string Status, string? Reason, int Pages, int TextlessPages, HashSet<string> Words);

    private sealed record Pass(string Label, int Processes, TimeSpan Elapsed, int Pages, double PeakMemoryMb, TimeSpan? Cpu = null)
    {
        public double PagesPerSecond => Pages / Elapsed.TotalSeconds;

        /// <summary>Cores busy on average: the processes' CPU time over the wall time.</summary>
        public string CoresBusy => Cpu is { } cpu ? Report.N(cpu / Elapsed, 2) : "";
    }

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var report = new Report().Heading(Title);
        var files = Files();
        if (files.Count == 0)
        {
            return report.Paragraph($"**Skipped:** no corpus in `{context.Options.CorpusDirectory}`; `scripts/corpus.sh` builds it (scripts/bench.sh does when it is missing).");
        }

        if (context.Options.Smoke)
        {
            files = files.OrderBy(f => f.Size).Take(3).ToList();
        }

        BenchContext.Log($"corpus: {files.Count} PDFs");
        var passes = new List<Pass>();
        var (referenceOne, reference) = await RunPdfToTextAsync(files, parallel: 1, cancellationToken);
        passes.Add(referenceOne);
        passes.Add((await RunPdfToTextAsync(files, parallel: 2, cancellationToken)).Pass);

        Dictionary<string, Indexed> indexed = [];
        foreach (var indexers in (int[])[1, 2])
        {
            var (pass, outcome) = await IndexAsync(files, indexers, cancellationToken);
            passes.Add(pass);
            indexed = outcome;
        }

        var stages = await MeasureStagesAsync(files, indexed, cancellationToken);

        // The Indexer reading with PdfPig in its own process (Indexer:TextExtractor=PdfPig), the extractor before MuPDF,
        // in the same run: what the default's child processes change, side by side on the machine's load of the moment.
        Dictionary<string, Indexed> pdfPigIndexed = [];
        foreach (var indexers in (int[])[1, 2])
        {
            var (pass, outcome) = await IndexAsync(files, indexers, cancellationToken, extractor: "PdfPig");
            passes.Add(pass);
            pdfPigIndexed = outcome;
        }

        // Another build of the Indexer (e.g. the main branch's), two processes, in the same run: a change's effect
        // measured side by side, on the machine's load of the moment. Its text is compared with pdftotext's too.
        Pass? baseline = null;
        Dictionary<string, Indexed>? baselineIndexed = null;
        if (context.Options.BaselineIndexer is { } dll)
        {
            (baseline, baselineIndexed) = await IndexAsync(files, 2, cancellationToken, dll);
        }

        return Write(report, files, passes, reference, indexed, pdfPigIndexed, baseline, baselineIndexed, stages);
    }

    private List<CorpusFile> Files()
    {
        var directory = context.Options.CorpusDirectory;
        if (context.Options.Smoke && !File.Exists(Path.Combine(directory, "manifest.tsv")))
        {
            // The smoke run takes its three files from the test run's sample when the whole corpus was never built.
            directory = Path.Combine(context.Options.RepoRoot, ".aithena", "corpus-sample");
        }

        return CorpusFile.ReadManifest(directory).ToList();
    }

    /// <summary>Every tool the Indexer starts, run on its own over the files the Indexers indexed (<see cref="ExtractionCpu"/>).</summary>
    private async Task<IReadOnlyList<ExtractionCpu.Stage>> MeasureStagesAsync(List<CorpusFile> files, Dictionary<string, Indexed> indexed, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(context.Options.RepoRoot, ".aithena", "tmp", "bench-stages-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        try
        {
            var read = files.Select(f => (f.FullPath, Outcome: indexed.GetValueOrDefault(DocumentIds.FromPath($"corpus/{f.Package}/{f.Name}"))))
                .Where(f => f.Outcome is { Status: "indexed" }).Select(f => (f.FullPath, f.Outcome!.Pages)).ToList();
            return await ExtractionCpu.MeasureAsync(read, scratch, cancellationToken);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>pdftotext, one process per file, <paramref name="parallel"/> at a time: pages from its form feeds, words from its text.</summary>
    private static async Task<(Pass Pass, Dictionary<string, Reference> Texts)> RunPdfToTextAsync(List<CorpusFile> files, int parallel, CancellationToken cancellationToken)
    {
        BenchContext.Log($"corpus: pdftotext x{parallel}");
        var texts = new System.Collections.Concurrent.ConcurrentDictionary<string, Reference>();
        var cpu = ProcessCpu.WaitedChildren();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (file, ct) =>
        {
            var text = await PdfToText.ReadAsync(file.FullPath, ct);
            texts[file.Name] = new Reference(text.Count(c => c == '\f'), Vocabulary.Of(text));
        });
        clock.Stop();
        var pass = new Pass($"pdftotext, {Plural(parallel, "process")} at a time", parallel, clock.Elapsed, texts.Values.Sum(t => t.Pages), double.NaN,
            ProcessCpu.WaitedChildren() - cpu);
        return (pass, new Dictionary<string, Reference>(texts));
    }

    /// <summary>
    /// The files hard-linked into a library of the run's own (a link is no symlink: the Indexer reads it as a library
    /// file), recorded queued as the Lister would, then every command sent at once through Aithena's bus and timed
    /// until the catalog holds an outcome for each.
    /// </summary>
    private async Task<(Pass Pass, Dictionary<string, Indexed> Outcome)> IndexAsync(List<CorpusFile> files, int indexers, CancellationToken cancellationToken, string? baselineDll = null,
        string? extractor = null)
    {
        BenchContext.Log($"corpus: {Plural(indexers, "Indexer")}{(baselineDll is null ? "" : $" ({baselineDll})")}{(extractor is null ? "" : $" ({extractor})")}");
        var vhost = await context.Broker.CreateVirtualHostAsync("bench-corpus");
        // Under the repository's .aithena folder, on the corpus's file system, so hard links work.
        var library = new TestLibrary("bench-corpus", Path.Combine(context.Options.RepoRoot, ".aithena", "tmp"));
        try
        {
            var batch = new ListerBatch();
            foreach (var file in files)
            {
                var path = $"corpus/{file.Package}/{file.Name}";
                batch.Add(path, library.Link(path, file.FullPath));
            }

            // The real corpus needs the real limits: the Indexer's defaults, nothing raised for the benchmark.
            await using var group = await context.StartAsync("Aithena.Indexer", indexers, vhost, library, cancellationToken, dll: baselineDll,
                settings: extractor is null ? null : new Dictionary<string, string> { ["Indexer__TextExtractor"] = extractor });
            await using var store = CatalogStore.Open(library.CatalogConnectionString);
            var catalog = store.Documents;
            await catalog.MarkQueuedAsync(batch.Queued, cancellationToken);
            await using var bus = await AithenaBus.StartAsync(context.Broker.ConnectionString(vhost), cancellationToken);

            var cpuBefore = group.Processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.CpuTime());
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(batch.Commands, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (command, ct) =>
            {
                var endpoint = await bus.Bus.GetSendEndpoint(QueueNames.IndexDocumentAddress);
                await endpoint.Send(command, ct);
            });
            await Load.UntilAsync(async () =>
            {
                var (_, indexed) = await catalog.ListAsync(DocumentStatus.Indexed, 1, 1, cancellationToken);
                var (_, failed) = await catalog.ListAsync(DocumentStatus.Failed, 1, 1, cancellationToken);
                return indexed + failed == files.Count;
            }, Timeout, TimeSpan.FromMilliseconds(50), $"{files.Count} real PDFs to be indexed or failed", cancellationToken);
            clock.Stop();
            var cpu = group.Processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.CpuTime()) - cpuBefore;

            var peak = group.Processes.Max(p => p.PeakMemoryMb());
            var outcome = await ReadOutcomeAsync(library.CatalogConnectionString, cancellationToken);
            var pages = outcome.Values.Where(o => o.Status == "indexed").Sum(o => o.Pages);
            var label = (baselineDll, extractor) switch
            {
                (not null, _) => $"Baseline Indexer (`--baseline-indexer`), {Plural(indexers, "process")}, same run",
                (_, not null) => $"Aithena.Indexer with {extractor} in its process, {Plural(indexers, "process")} (end to end)",
                _ => $"Aithena.Indexer, {Plural(indexers, "process")} (end to end: bus, MuPDF, catalog, cover)",
            };
            return (new Pass(label, indexers, clock.Elapsed, pages, peak, cpu), outcome);
        }
        finally
        {
            SqliteConnection.ClearAllPools(); // the catalog file is deleted with the library
            library.Dispose();
            await context.Broker.DeleteVirtualHostAsync(vhost);
        }
    }

    /// <summary>Each document's outcome and the words of its indexed pages, read straight from the catalog.</summary>
    private static async Task<Dictionary<string, Indexed>> ReadOutcomeAsync(string catalog, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(catalog + ";Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        var outcome = new Dictionary<string, Indexed>();
        await using (var documents = connection.CreateCommand())
        {
            documents.CommandText = "SELECT id, path, status, failure_reason, COALESCE(page_count, 0), COALESCE(textless_pages, 0) FROM documents";
            await using var reader = await documents.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                outcome[reader.GetString(0)] = new Indexed(reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5), []);
            }
        }

        await using var pages = connection.CreateCommand();
        pages.CommandText = "SELECT document_id, text FROM pages";
        await using var pageReader = await pages.ExecuteReaderAsync(cancellationToken);
        while (await pageReader.ReadAsync(cancellationToken))
        {
            if (outcome.TryGetValue(pageReader.GetString(0), out var document))
            {
                document.Words.UnionWith(Vocabulary.Of(pageReader.GetString(1)));
            }
        }

        return outcome;
    }

    private Report Write(Report report, List<CorpusFile> files, List<Pass> passes, Dictionary<string, Reference> reference, Dictionary<string, Indexed> indexed,
        Dictionary<string, Indexed> pdfPigIndexed, Pass? baseline, Dictionary<string, Indexed>? baselineIndexed, IReadOnlyList<ExtractionCpu.Stage> stages)
    {
        var rows = files.Select(file =>
        {
            var outcome = indexed.GetValueOrDefault(DocumentIds.FromPath($"corpus/{file.Package}/{file.Name}"));
            var words = reference.GetValueOrDefault(file.Name)?.Words ?? [];
            var shared = outcome is null || words.Count == 0 ? double.NaN : (double)words.Count(outcome.Words.Contains) / words.Count;
            return (File: file, Outcome: outcome, Reference: reference.GetValueOrDefault(file.Name), Shared: shared);
        }).ToList();

        var pdftotextOne = passes[0];
        var pdftotextTwo = passes[1];
        var indexerOne = passes[2];
        var indexerTwo = passes[3];
        var pdfPigTwo = passes[5];
        // All the CPU two Indexers' work costs: each tool they start, measured alone, and their own processes' time.
        var indexersCpu = indexerTwo.Cpu ?? TimeSpan.Zero;
        var allCpu = stages.Aggregate(indexersCpu, (sum, s) => sum + s.Cpu);
        var ratio = indexerTwo.PagesPerSecond / pdftotextTwo.PagesPerSecond;
        context.Targets.Add(new TargetResult("Real PDFs: 2 Indexers end to end >= 1.5x pdftotext (2 at a time), pages/s",
            $"{Report.N(indexerTwo.PagesPerSecond)} vs {Report.N(pdftotextTwo.PagesPerSecond)} pages/s ({Report.Ratio(ratio)})", ratio >= 1.5));
        var peak = Math.Max(indexerOne.PeakMemoryMb, indexerTwo.PeakMemoryMb);
        context.Targets.Add(new TargetResult("Real PDFs: every Indexer's peak memory < 1 GB", $"{Report.N(peak)} MB", peak < 1024));

        var failed = rows.Where(r => r.Outcome is { Status: "failed" }).ToList();
        var sharedValues = rows.Where(r => !double.IsNaN(r.Shared)).Select(r => r.Shared).ToList();
        report.Paragraph(
            $"""
            {files.Count} PDFs ({Report.N(files.Sum(f => f.Size) / 1024.0 / 1024.0, 1)} MB, {Report.N(reference.Values.Sum(r => r.Pages))} pages by pdftotext's count)
            from Debian's documentation packages ({string.Join(", ", files.Select(f => f.Package).Distinct().Order().Select(p => $"`{p}`"))}),
            rebuilt by `scripts/corpus.sh`. Every file ended indexed or failed with a reason: {rows.Count(r => r.Outcome is { Status: "indexed" })} indexed,
            {failed.Count} failed, {rows.Count(r => r.Outcome is null)} without an outcome. pdftotext runs one process per file (its start included,
            as a shell loop would run it) and its text is thrown away; the Indexers' figure is end to end: a command on the bus,
            the file read and hashed, the text of every page (MuPDF's `mutool` in child processes, the default, or PdfPig in the Indexer's own process), the catalog written and committed, the cover rendered, the acknowledgement. Same files,
            same run, the Indexer's default limits. Cores busy: the Indexer processes' CPU time (user and system) over the wall
            time, so 1.0 is one core's worth.
            """)
            .Table(["Extractor", "Processes", "Pages", "Time", "Pages/s", "vs pdftotext, same processes", "Peak memory per process", "Cores busy"],
                (baseline is null ? passes : [.. passes, baseline]).Select(p => (IReadOnlyList<string>)[p.Label, p.Processes.ToString(System.Globalization.CultureInfo.InvariantCulture), Report.N(p.Pages), $"{p.Elapsed.TotalSeconds:F1} s",
                    Report.N(p.PagesPerSecond), p.Label.StartsWith("pdftotext", StringComparison.Ordinal) ? "" : Report.Ratio(p.PagesPerSecond / (p.Processes == 1 ? pdftotextOne : pdftotextTwo).PagesPerSecond),
                    double.IsNaN(p.PeakMemoryMb) ? "" : Report.N(p.PeakMemoryMb) + " MB", p.CoresBusy]))
            .Paragraph(Comparison("**MuPDF against PdfPig** (`Indexer:TextExtractor`, two processes each, same run)", indexerTwo, pdfPigTwo,
                Shared(files, reference, indexed), Shared(files, reference, pdfPigIndexed)))
            .Paragraph(BaselineComparison(indexerTwo, baseline, Shared(files, reference, indexed), baselineIndexed is null ? null : Shared(files, reference, baselineIndexed)))
            .Paragraph(CpuByStage(allCpu, indexerTwo, pdftotextOne, pdftotextTwo))
            .Table(["Work", "Files", "CPU", "Share"], StageRows(stages, indexersCpu, allCpu, pdftotextOne))
            .Paragraph(
                $"""
                **Vocabulary shared with pdftotext** (the distinct words of a document's indexed text that pdftotext also
                found, over pdftotext's distinct words; letters only, NFKC, lower case): median {Report.Percent(Stats.Percentile(sharedValues, 50))},
                {sharedValues.Count(v => v >= 0.9)} of {sharedValues.Count} documents at 90 % or more. By package:
                """)
            .Table(["Package", "Documents", "Median shared", "Lowest"],
                rows.Where(r => !double.IsNaN(r.Shared)).GroupBy(r => r.File.Package).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (IReadOnlyList<string>)[g.Key, g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Report.Percent(Stats.Percentile(g.Select(r => r.Shared).ToList(), 50)), Report.Percent(g.Min(r => r.Shared))]))
            .Paragraph("**The worst files** (least of pdftotext's vocabulary found), with what the Indexer recorded:")
            .Table(["File", "Pages", "Textless pages", "Shared with pdftotext", "Outcome"],
                rows.Where(r => !double.IsNaN(r.Shared) || r.Outcome is { Status: "failed" })
                    .OrderBy(r => r.Outcome is { Status: "failed" } ? -1 : r.Shared).Take(15)
                    .Select(r => (IReadOnlyList<string>)[$"`{r.File.Name}`", Report.N(r.Outcome?.Pages ?? 0), Report.N(r.Outcome?.TextlessPages ?? 0),
                        Report.Percent(r.Shared), r.Outcome is { Status: "failed" } ? "failed: " + r.Outcome.Reason : r.Outcome?.Status ?? "none"]));
        return report;
    }

    private static string CpuByStage(TimeSpan total, Pass indexerTwo, Pass pdftotextOne, Pass pdftotextTwo)
    {
        var cores = Environment.ProcessorCount;
        var ceiling = indexerTwo.Pages / (total.TotalSeconds / cores);
        return $"""
            **Where the CPU goes.** Each tool the Indexer starts, run again on its own over the files, one process at a time,
            with the Indexer's own arguments (`mutool` without `prlimit`); CPU time (user and system) as the kernel charged
            it. The Indexers' own work is the two processes' CPU time in the pass above: the bus, reading and hashing the
            file, starting the children and reading their text, the catalog's full-text index. pdftotext's is its one-at-a-time pass.
            Altogether {Report.N(total.TotalSeconds, 1)} s of CPU against pdftotext's {Report.N((pdftotextOne.Cpu ?? TimeSpan.Zero).TotalSeconds, 1)} s:
            on {cores} cores the Indexers cannot take less than {Report.N(total.TotalSeconds / cores, 1)} s, at most {Report.N(ceiling)} pages/s
            ({Report.Ratio(ceiling / pdftotextTwo.PagesPerSecond)} pdftotext two at a time; measured {Report.Ratio(indexerTwo.PagesPerSecond / pdftotextTwo.PagesPerSecond)}).
            """;
    }

    private static IEnumerable<IReadOnlyList<string>> StageRows(IReadOnlyList<ExtractionCpu.Stage> stages, TimeSpan indexers, TimeSpan total, Pass pdftotextOne)
    {
        var row = (string work, string files, TimeSpan cpu) => (IReadOnlyList<string>)
            [work, files, $"{Report.N(cpu.TotalSeconds, 1)} s", Report.Percent(cpu / total)];
        foreach (var stage in stages)
        {
            yield return row(stage.Work, Report.N(stage.Files), stage.Cpu);
        }

        yield return row("The Indexers' own work (two processes)", "", indexers);
        yield return row("**All**", "", total);
        yield return ["pdftotext, for comparison", "", $"{Report.N((pdftotextOne.Cpu ?? TimeSpan.Zero).TotalSeconds, 1)} s", ""];
    }

    /// <summary>For each file pdftotext read words in, the share of them in the indexed text (NaN where not indexed).</summary>
    private static List<double> Shared(List<CorpusFile> files, Dictionary<string, Reference> reference, Dictionary<string, Indexed> indexed) =>
        files.Select(file =>
        {
            var outcome = indexed.GetValueOrDefault(DocumentIds.FromPath($"corpus/{file.Package}/{file.Name}"));
            var words = reference.GetValueOrDefault(file.Name)?.Words ?? [];
            return outcome is null || words.Count == 0 ? double.NaN : (double)words.Count(outcome.Words.Contains) / words.Count;
        }).Where(v => !double.IsNaN(v)).ToList();

    private static string BaselineComparison(Pass current, Pass? baseline, List<double> shared, List<double>? baselineShared) =>
        baseline is null || baselineShared is null
            ? ""
            : Comparison("**Against the baseline build** (`--baseline-indexer`, two processes each, same run)", current, baseline, shared, baselineShared);

    private static string Comparison(string what, Pass current, Pass baseline, List<double> shared, List<double> baselineShared) =>
        $"{what}: {Report.N(current.PagesPerSecond)} against " +
        $"{Report.N(baseline.PagesPerSecond)} pages/s ({Report.Ratio(current.PagesPerSecond / baseline.PagesPerSecond)}); CPU time " +
        $"{(current.Cpu is { } a ? Report.N(a.TotalSeconds, 1) + " s" : "?")} against {(baseline.Cpu is { } b ? Report.N(b.TotalSeconds, 1) + " s" : "?")}; " +
        $"documents sharing 90 % or more of pdftotext's vocabulary: {shared.Count(v => v >= 0.9)} of {shared.Count} against " +
        $"{baselineShared.Count(v => v >= 0.9)} of {baselineShared.Count}.";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}{(noun.EndsWith('s') ? "es" : "s")}";
}
