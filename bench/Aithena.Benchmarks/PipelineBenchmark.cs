using System.Diagnostics;
using System.Globalization;
using Aithena.Testing;
using Microsoft.Data.Sqlite;

namespace Aithena.Benchmarks;

/// <summary>
/// The whole pipeline on real PDFs, as a user meets it: a system started under the default configuration (an Api, the
/// Lister, an Indexer and one or two Embedders as processes, the embedding model on, one SQLite catalog, a private
/// broker), the corpus's files dropped into its library, and the clock running until every document is keyword-searchable
/// (indexed) and until every one is meaning-searchable (its embeddings done for its current text). Also the embedders'
/// passages per second and the peak memory (VmHWM) of every process.
/// </summary>
public sealed class PipelineBenchmark(BenchContext context)
{
    public const string Title = "8. Pipeline: real PDFs to keyword- and meaning-searchable";
    private static readonly int[] EmbedderCounts = [1, 2];
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(45);

    /// <summary>One run: its times (from the drop, and from the moment the Lister had listed every file) and figures.</summary>
    private sealed record Run(
        int Embedders,
        int Documents,
        int Pages,
        long Passages,
        int Failed,
        TimeSpan Listed,
        TimeSpan Keyword,
        TimeSpan Meaning,
        TimeSpan EmbeddingSpan,
        IReadOnlyList<(string Process, double PeakMb)> Peaks,
        string? Death = null)
    {
        /// <summary>Passages per second per Embedder, from the first passage written to the last.</summary>
        public double PassagesPerSecondPerEmbedder => EmbeddingSpan > TimeSpan.Zero ? Passages / EmbeddingSpan.TotalSeconds / Embedders : double.NaN;

        /// <summary>Meaning over keyword time, both counted from the Lister's listing (the Lister's scan interval is the same for both).</summary>
        public double Ratio => (Meaning - Listed) / (Keyword - Listed);
    }

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var report = new Report().Heading(Title);
        var corpus = CorpusFile.ReadManifest(context.Options.CorpusDirectory);
        if (corpus.Count == 0)
        {
            return report.Paragraph($"**Skipped:** no corpus in `{context.Options.CorpusDirectory}`; `scripts/corpus.sh` builds it.");
        }

        var files = Subset(corpus, context.Smoke ? 2 : context.Options.Documents ?? DefaultDocuments);
        BenchContext.Log($"pipeline: {files.Count} of {corpus.Count} PDFs ({Report.N(files.Sum(f => f.Size) / 1024.0 / 1024.0, 1)} MB)");
        var runs = new List<Run>();
        // The smoke run (beside the test suite) takes one row: each waits for the Lister's 60-second scan. --repeat runs
        // the one-Embedder system again on a fresh library, each time from nothing, to show that no process dies.
        foreach (var embedders in context.Smoke ? EmbedderCounts[..1] : EmbedderCounts)
        {
            for (var repeat = 0; repeat < (embedders == 1 ? context.Options.Repeat : 1); repeat++)
            {
                var run = await RunOnceAsync(files, embedders, cancellationToken);
                runs.Add(run);
                if (run.Death is not null)
                {
                    break;
                }
            }
        }

        return Write(report, files, corpus, runs);
    }

    /// <summary>About ten minutes for both runs on 2 busy cores; <c>--documents N</c> for another size.</summary>
    public const int DefaultDocuments = 12;

    /// <summary>
    /// <paramref name="count"/> files spread evenly over the corpus ordered by size, so a subset holds small and large
    /// manuals alike and the same count picks the same files every time.
    /// </summary>
    private static List<CorpusFile> Subset(IReadOnlyList<CorpusFile> corpus, int count)
    {
        if (count >= corpus.Count)
        {
            return corpus.ToList();
        }

        var bySize = corpus.OrderBy(f => f.Size).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        return Enumerable.Range(0, count).Select(i => bySize[(int)((i + 0.5) * bySize.Count / count)]).ToList();
    }

    private async Task<Run> RunOnceAsync(List<CorpusFile> files, int embedders, CancellationToken cancellationToken)
    {
        BenchContext.Log($"pipeline: {files.Count} PDFs, {embedders} Embedder(s)");
        var vhost = await context.Broker.CreateVirtualHostAsync("bench-pipeline");
        // Under the repository's .aithena folder, on the corpus's file system, so hard links work.
        var library = new TestLibrary("bench-pipeline", Path.Combine(context.Options.RepoRoot, ".aithena", "tmp"));
        try
        {
            // The default configuration: the model on in the Api (queries) and the Embedders, the Lister's own interval.
            await using var indexers = await context.StartAsync("Aithena.Indexer", 1, vhost, library, cancellationToken, defaults: true);
            await using var embedderGroup = await context.StartAsync("Aithena.Embedder", embedders, vhost, library, cancellationToken, defaults: true);
            await using var apis = await context.StartAsync("Aithena.Api", 1, vhost, library, cancellationToken, defaults: true);
            await using var listers = await context.StartAsync("Aithena.Lister", 1, vhost, library, cancellationToken, defaults: true);
            var processes = new (string Role, ServiceGroup Group)[] { ("Indexer", indexers), ("Embedder", embedderGroup), ("Api", apis), ("Lister", listers) };

            var clock = Stopwatch.StartNew();
            foreach (var file in files)
            {
                library.Link($"corpus/{file.Package}/{file.Name}", file.FullPath);
            }

            TimeSpan? listed = null, keyword = null, firstPassage = null;
            Progress progress = default;
            string? death = null;
            await Load.UntilAsync(async () =>
            {
                // A process that dies is what this section looks for: the run ends there and the report says which and why.
                if (processes.SelectMany(p => p.Group.Processes).FirstOrDefault(p => p.HasExited) is { } dead)
                {
                    death = $"{dead.Name} exited ({dead.ExitCode}) after {clock.Elapsed.TotalSeconds:F0} s: {LastLines(dead.Output, 5)}";
                    BenchContext.Log($"pipeline: {death}");
                    return true;
                }

                progress = await Progress.ReadAsync(library.CatalogConnectionString, cancellationToken);
                listed ??= progress.Known == files.Count ? clock.Elapsed : null;
                keyword ??= progress.Indexed + progress.Failed == files.Count ? clock.Elapsed : null;
                firstPassage ??= progress.Passages > 0 ? clock.Elapsed : null;
                return keyword is not null && progress.Embedded + progress.EmbeddingFailed + progress.Failed == files.Count;
            }, Timeout, TimeSpan.FromSeconds(1), $"{files.Count} real PDFs to be keyword- and meaning-searchable", cancellationToken);
            var meaning = clock.Elapsed;

            var peaks = processes.SelectMany(p => p.Group.Processes.Select((process, i) =>
                (p.Group.Processes.Count == 1 ? p.Role : $"{p.Role} {i + 1}", process.PeakMemoryMb()))).ToList();
            BenchContext.Log($"pipeline: keyword {(keyword ?? meaning).TotalSeconds:F0} s, meaning {meaning.TotalSeconds:F0} s, {progress.Passages} passages");
            return new Run(embedders, files.Count, progress.Pages, progress.Passages, progress.Failed + progress.EmbeddingFailed,
                listed ?? keyword ?? meaning, keyword ?? meaning, meaning, meaning - (firstPassage ?? meaning), peaks, death);
        }
        finally
        {
            SqliteConnection.ClearAllPools(); // the catalog file is deleted with the library
            library.Dispose();
            await context.Broker.DeleteVirtualHostAsync(vhost);
        }
    }

    /// <summary>What the catalog says at one moment, read straight from the SQLite file (read-only).</summary>
    private readonly record struct Progress(int Known, int Indexed, int Failed, int Embedded, int EmbeddingFailed, int Pages, long Passages)
    {
        public static async Task<Progress> ReadAsync(string catalog, CancellationToken cancellationToken)
        {
            await using var connection = new SqliteConnection(catalog + ";Mode=ReadOnly");
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // Embeddings count as done only for the document's current text (their indexed_at is the document's).
            command.CommandText =
                """
                SELECT
                  (SELECT COUNT(*) FROM documents),
                  (SELECT COUNT(*) FROM documents WHERE status = 'indexed'),
                  (SELECT COUNT(*) FROM documents WHERE status = 'failed'),
                  (SELECT COUNT(*) FROM documents d JOIN embeddings e ON e.document_id = d.id
                     WHERE d.status = 'indexed' AND e.indexed_at = d.indexed_at AND e.status = 'done'),
                  (SELECT COUNT(*) FROM documents d JOIN embeddings e ON e.document_id = d.id
                     WHERE d.status = 'indexed' AND e.indexed_at = d.indexed_at AND e.status = 'failed'),
                  (SELECT COALESCE(SUM(page_count), 0) FROM documents WHERE status = 'indexed'),
                  (SELECT COUNT(*) FROM passages)
                """;
            try
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                return new Progress(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt64(6));
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // busy or locked: a writer holds it, ask again next poll
            {
                return default;
            }
        }
    }

    private Report Write(Report report, List<CorpusFile> files, IReadOnlyList<CorpusFile> corpus, List<Run> runs)
    {
        var deaths = runs.Where(r => r.Death is not null).ToList();
        if (context.Options.Repeat > 1 || deaths.Count > 0)
        {
            var ones = runs.Count(r => r.Embedders == 1 && r.Death is null);
            context.Targets.Add(new TargetResult($"Pipeline: {Plural(context.Options.Repeat, "run")} in a row with one Embedder, no process dies",
                deaths.Count == 0 ? $"{ones} of {context.Options.Repeat} completed, no process died" : string.Join("; ", deaths.Select(d => d.Death)),
                deaths.Count == 0 && ones == context.Options.Repeat));
        }

        runs = runs.Where(r => r.Death is null).ToList();
        if (runs.Count == 0)
        {
            return report.Paragraph($"**No run completed:** {string.Join("; ", deaths.Select(d => d.Death))}");
        }

        var one = runs[0];
        var worstRatio = runs.Max(r => r.Ratio);
        var indexerPeak = runs.SelectMany(r => r.Peaks).Where(p => p.Process.StartsWith("Indexer", StringComparison.Ordinal)).Max(p => p.PeakMb);
        var embedderPeak = runs.SelectMany(r => r.Peaks).Where(p => p.Process.StartsWith("Embedder", StringComparison.Ordinal)).Max(p => p.PeakMb);
        context.Targets.Add(new TargetResult("Pipeline: meaning-searchable within 3x the time to keyword-searchable (real PDFs, default configuration)",
            string.Join(", ", runs.Select(r => $"{Report.Ratio(r.Ratio)} with {Plural(r.Embedders, "Embedder")}")), worstRatio <= 3));
        context.Targets.Add(new TargetResult("Pipeline: Indexer peak memory < 1 GB (model off in the Indexer)", $"{Report.N(indexerPeak)} MB", indexerPeak < 1024));
        context.Targets.Add(new TargetResult("Pipeline: every Embedder's peak memory < 1 GB", $"{Report.N(embedderPeak)} MB", embedderPeak < 1024));

        var load = Machine.LoadAverage() ?? double.NaN;
        var fullEstimate = corpus.Sum(f => f.Size) / (double)files.Sum(f => f.Size) * (one.Meaning - one.Listed).TotalMinutes;
        report.Paragraph(
            $"""
            {files.Count} of the corpus's {corpus.Count} PDFs (`--documents {files.Count}`: spread evenly over the corpus by size;
            {Report.N(files.Sum(f => f.Size) / 1024.0 / 1024.0, 1)} MB, {Report.N(one.Pages)} pages, {Report.N(one.Passages)} passages) hard-linked
            into the library of a running system under the default configuration: one Api, the Lister (its default
            60-second scan interval), one Indexer, one or two Embedders (all-MiniLM-L6-v2), as processes on a private broker,
            one SQLite catalog; no OCR worker (the time to meaning does not wait for OCR). Times from the drop, and in brackets
            from the moment the Lister had listed every file (the ratio uses those). Keyword-searchable: every document
            `indexed` (or failed with its reason); meaning-searchable: every document's embeddings `done` for its current text.
            Passages/s per Embedder: the passages over the time from the first written to the last, over the Embedders. One run
            per row (the medians of one), load average {Report.N(load, 1)} at the end on {Environment.ProcessorCount} CPUs shared with other work.
            Documents failed (with a reason): {string.Join(", ", runs.Select(r => Report.N(r.Failed)))}.
            {(context.Options.Repeat > 1 ? $"The one-Embedder run {context.Options.Repeat} times in a row (`--repeat {context.Options.Repeat}`), each a fresh system and library; processes that died: {(deaths.Count == 0 ? "none" : string.Join("; ", deaths.Select(d => d.Death)))}." : "")}
            """)
            .Table(["Embedders", "Listed", "Keyword-searchable", "Meaning-searchable", "Meaning / keyword", "Passages/s per Embedder", "Passages/s in all"],
                runs.Select(r => (IReadOnlyList<string>)[Report.N(r.Embedders), Seconds(r.Listed), $"{Seconds(r.Keyword)} ({Seconds(r.Keyword - r.Listed)})",
                    $"{Seconds(r.Meaning)} ({Seconds(r.Meaning - r.Listed)})", Report.Ratio(r.Ratio),
                    Report.N(r.PassagesPerSecondPerEmbedder, 1), Report.N(r.PassagesPerSecondPerEmbedder * r.Embedders, 1)]))
            .Paragraph("**Peak memory (VmHWM) of every process:**")
            .Table(["Embedders", .. runs[0].Peaks.Select(p => p.Process).Where(p => !p.StartsWith("Embedder", StringComparison.Ordinal)), "Embedders (each)"],
                runs.Select(r => (IReadOnlyList<string>)[Report.N(r.Embedders),
                    .. r.Peaks.Where(p => !p.Process.StartsWith("Embedder", StringComparison.Ordinal)).Select(p => Report.N(p.PeakMb) + " MB"),
                    string.Join(" / ", r.Peaks.Where(p => p.Process.StartsWith("Embedder", StringComparison.Ordinal)).Select(p => Report.N(p.PeakMb) + " MB"))]))
            .Paragraph(
                $"""
                The whole corpus ({corpus.Count} PDFs, {Report.N(corpus.Sum(f => f.Size) / 1024.0 / 1024.0)} MB) would take about
                {Report.N(fullEstimate)} minutes to be meaning-searchable with one Embedder at this pace (scaled by bytes;
                `scripts/bench.sh --sections pipeline --documents {corpus.Count}` measures it).
                """);
        return report;
    }

    private static string LastLines(string output, int count) =>
        string.Join(" / ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
