using System.Diagnostics;
using System.Globalization;
using Aithena.Catalog;
using Aithena.Contracts;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Aithena.Benchmarks;

/// <summary>
/// Search at scale, per engine: a synthetic catalog (<see cref="SearchCorpus"/>) written through the catalog's own
/// <see cref="IDocumentCatalog.SaveIndexedAsync"/> (what the Indexer calls), then query latencies through
/// <see cref="ICatalogSearch"/> (ranking, facets, paging, snippets) beside the engine's raw top-20 match as the limit.
/// Its section lives between markers in the report, so the main suite's run keeps it and this run replaces only it.
/// </summary>
public static class SearchBenchmark
{
    public const string BlockStart = "<!-- search-benchmark:start -->";
    public const string BlockEnd = "<!-- search-benchmark:end -->";

    private const string Usage =
        "usage: Aithena.Benchmarks search --sqlite PATH --postgres CONNECTION [--pages N] [--pages-per-document N] [--rounds N] [--output FILE] [--command TEXT]";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int pages = 1_000_000, perDocument = 10, rounds = 200;
        string? sqlite = null, postgres = null, output = null, command = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            switch (args[i])
            {
                case "--pages": pages = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--pages-per-document": perDocument = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--sqlite": sqlite = Value(); break;
                case "--postgres": postgres = Value(); break;
                case "--output": output = Value(); break;
                case "--command": command = Value(); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'. {Usage}");
            }
        }

        var corpus = new SearchCorpus();
        var documents = pages / perDocument;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var load = Machine.LoadAverage();
        var engines = new List<(string Name, string ConnectionString)>();
        if (sqlite is not null)
        {
            engines.Add(("SQLite", $"Data Source={sqlite}"));
        }

        if (postgres is not null)
        {
            // A write may wait on the GIN index's pending list being merged by the writer that overflows it: on a loaded
            // machine that took past Npgsql's 30 s default (measured at 900,000 pages, load average 12). The Indexer retries
            // such a timeout; a catalog build has no retry, so it waits.
            engines.Add(("PostgreSQL", new NpgsqlConnectionStringBuilder(postgres) { CommandTimeout = 600 }.ConnectionString));
        }

        var report = new Report().Heading("Search at scale")
            .Paragraph(
                $"""
                Measured {started:yyyy-MM-dd HH:mm} UTC by `{command ?? "scripts/bench.sh --search"}` on {Environment.ProcessorCount} CPUs
                (load average {load:F1} at the start). A catalog of {Report.N(pages)} pages ({Report.N(documents)} documents of
                {perDocument} pages, {SearchCorpus.WordsPerPage} words each, drawn from a Zipf distribution over
                {Report.N(SearchCorpus.VocabularySize)} pseudo-words) written through `IDocumentCatalog.SaveIndexedAsync`, one
                transaction per document, as the Indexer writes it. Each query ran {rounds} times in-process through
                `ICatalogSearch.SearchAsync` (ranking, the four facets, the first page of 20, snippets), the queries interleaved;
                beside it, the engine's raw query: the first 20 matching pages from the full-text index, unranked, nothing else.
                A search looks at most at the first {Report.N(CatalogSearch.MatchCap)} matching pages (`totalIsExact` says when
                there were more). PostgreSQL ran as a private instance with fsync off and 2 GB of shared buffers (`scripts/postgres.sh start --fast --shared-buffers 2GB`), SQLite in
                WAL mode with synchronous NORMAL, as the catalog opens it.
                """);
        var latency = new List<IReadOnlyList<string>>();
        var indexing = new List<IReadOnlyList<string>>();
        foreach (var (name, connectionString) in engines)
        {
            BenchContext.Log($"search: {name}");
            await using var store = await CatalogStore.OpenMigratedAsync(connectionString, cancellationToken: cancellationToken);
            var raw = RawEngine.For(store.Engine, connectionString);
            await raw.DeleteAsync("extra", cancellationToken); // left by a run that was stopped while measuring throughput
            var existing = await raw.CountDocumentsAsync(cancellationToken);
            if (existing < documents)
            {
                await BuildAsync(name, store.Documents, corpus, existing, documents, perDocument, cancellationToken);
            }

            // Every run, as autovacuum would in time: the last run's throughput documents were written and deleted.
            await raw.OptimizeAsync(cancellationToken);

            latency.AddRange(await MeasureAsync(name, store.Search, raw, corpus, rounds, cancellationToken));
            indexing.AddRange(await ThroughputAsync(name, store.Documents, raw, corpus, documents, perDocument, cancellationToken));
        }

        report.Heading("Query latency", 3)
            .Table(["Engine", "Query", "Matches (exact?)", "p50 ms", "p99 ms", "Raw p50 ms", "Raw p99 ms"], latency);
        if (indexing.Count > 0)
        {
            report.Heading("Indexing throughput", 3)
                .Paragraph("Documents written through the catalog by one writer, then by two concurrent writers (in one process, as two Indexers would), into the full catalog after the queries were measured, then deleted again.")
                .Table(["Engine", "Writers", "Documents", "Documents/s", "Pages/s", "Catalog size when measured"], indexing);
        }

        report.Paragraph($"Took {clock.Elapsed.TotalMinutes:F1} min.");
        var path = Path.GetFullPath(output ?? "docs/BENCHMARKS.md");
        var existingReport = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : "";
        await File.WriteAllTextAsync(path, Replace(existingReport, report.ToString()), CancellationToken.None);
        BenchContext.Log($"search: wrote {path}");
        return 0;
    }

    /// <summary>The report's text with its search block replaced by <paramref name="block"/> (appended when it has none).</summary>
    public static string Replace(string report, string block)
    {
        var marked = $"{BlockStart}\n{block.TrimEnd()}\n{BlockEnd}\n";
        var start = report.IndexOf(BlockStart, StringComparison.Ordinal);
        var end = report.IndexOf(BlockEnd, StringComparison.Ordinal);
        return start >= 0 && end > start
            ? report[..start] + marked + report[(end + BlockEnd.Length)..].TrimStart('\n')
            : report.TrimEnd() + (report.Length > 0 ? "\n\n" : "") + marked;
    }

    /// <summary>The search block of an existing report, to carry over into a new one ("" when it has none).</summary>
    public static string Block(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        var text = File.ReadAllText(path);
        var start = text.IndexOf(BlockStart, StringComparison.Ordinal);
        var end = text.IndexOf(BlockEnd, StringComparison.Ordinal);
        return start >= 0 && end > start ? "\n" + text[start..(end + BlockEnd.Length)] + "\n" : "";
    }

    /// <summary>Writes documents <paramref name="from"/> to <paramref name="to"/> (exclusive) with two writers, as two Indexers would.</summary>
    private static async Task BuildAsync(string engine, IDocumentCatalog catalog, SearchCorpus corpus,
        int from, int to, int perDocument, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await WriteAsync(catalog, corpus, "doc", from, to, perDocument, writers: 2, engine, cancellationToken);
        BenchContext.Log($"search: {engine} built {to} documents; the last {to - from} in {clock.Elapsed.TotalMinutes:F1} min");
    }

    /// <summary>
    /// Documents per second written into the full catalog by one writer, then by two, each time as many documents as one
    /// fiftieth of the catalog (at least 200); they are deleted again, so the catalog the queries see is unchanged.
    /// </summary>
    private static async Task<List<IReadOnlyList<string>>> ThroughputAsync(string engine, IDocumentCatalog catalog, RawEngine raw,
        SearchCorpus corpus, int documents, int perDocument, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<string>>();
        var sample = Math.Max(200, documents / 50);
        try
        {
            foreach (var writers in new[] { 1, 2 })
            {
                var first = documents + (writers - 1) * sample;
                var clock = Stopwatch.StartNew();
                await WriteAsync(catalog, corpus, "extra", first, first + sample, perDocument, writers, engine, cancellationToken);
                var elapsed = clock.Elapsed;
                rows.Add([engine, writers.ToString(CultureInfo.InvariantCulture), Report.N(sample), Report.N(sample / elapsed.TotalSeconds),
                    Report.N(sample * perDocument / elapsed.TotalSeconds), $"{Report.N(documents * perDocument)} pages"]);
            }
        }
        finally
        {
            await raw.DeleteAsync("extra", CancellationToken.None);
        }

        return rows;
    }

    private static async Task WriteAsync(IDocumentCatalog catalog, SearchCorpus corpus, string prefix, int from, int to, int perDocument,
        int writers, string engine, CancellationToken cancellationToken)
    {
        var next = from;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next) - 1) < to)
            {
                var (author, year, category, language, text) = corpus.Document(index, perDocument);
                var id = $"{prefix}{index:D7}";
                await catalog.SaveIndexedAsync(new IndexedDocument(id, $"bench/{id}.pdf", 1000, DateTimeOffset.UnixEpoch, id,
                    new DocumentMetadata($"Title {index}", author, year, category, language), text, DocumentSource.Lister, null), cancellationToken);
                if (index % 10_000 == 0 && prefix == "doc")
                {
                    BenchContext.Log($"search: {engine} {index} documents written");
                }
            }
        }));
    }

    private static async Task<List<IReadOnlyList<string>>> MeasureAsync(string engine, ICatalogSearch search, RawEngine raw, SearchCorpus corpus,
        int rounds, CancellationToken cancellationToken)
    {
        // Rank 1 is on nearly every page; rank 20,000 on a few dozen pages of a million; ranks 5 and 7 next to each other on a few per cent.
        (string Name, SearchRequest Request)[] queries =
        [
            ("rare word", new SearchRequest(corpus.Word(20_000))),
            ("common word", new SearchRequest(corpus.Word(1))),
            ("phrase", new SearchRequest($"\"{corpus.Word(5)} {corpus.Word(7)}\"")),
            ("filtered (author, common word)", new SearchRequest(corpus.Word(2), Author: corpus.Author(3))),
            ("no words, title order, page 50", new SearchRequest(null, Page: 50)),
        ];
        var timings = queries.Select(_ => (Search: new List<double>(), Raw: new List<double>())).ToArray();
        var totals = new string[queries.Length];
        for (var round = -10; round < rounds; round++)
        {
            for (var q = 0; q < queries.Length; q++)
            {
                var start = Stopwatch.GetTimestamp();
                var results = await search.SearchAsync(queries[q].Request, cancellationToken);
                var searchMs = Stats.ElapsedMs(start);
                totals[q] = $"{Report.N(results.Total)}{(results.TotalIsExact ? "" : "+")} ({(results.TotalIsExact ? "exact" : "capped")})";
                double? rawMs = null;
                if (queries[q].Request.Query is { } text)
                {
                    start = Stopwatch.GetTimestamp();
                    await raw.TopMatchesAsync(text, cancellationToken);
                    rawMs = Stats.ElapsedMs(start);
                }

                if (round >= 0)
                {
                    timings[q].Search.Add(searchMs);
                    if (rawMs is { } r)
                    {
                        timings[q].Raw.Add(r);
                    }
                }
            }
        }

        return queries.Select((query, q) => (IReadOnlyList<string>)
        [
            engine, query.Name, totals[q], Report.N(Stats.Percentile(timings[q].Search, 50), 1), Report.N(Stats.Percentile(timings[q].Search, 99), 1),
            timings[q].Raw.Count > 0 ? Report.N(Stats.Percentile(timings[q].Raw, 50), 1) : "—",
            timings[q].Raw.Count > 0 ? Report.N(Stats.Percentile(timings[q].Raw, 99), 1) : "—",
        ]).ToList();
    }

    /// <summary>What each engine does at the least to answer a query: the first 20 pages its full-text index matches.</summary>
    private abstract class RawEngine
    {
        public static RawEngine For(CatalogEngine engine, string connectionString) =>
            engine == CatalogEngine.Postgres ? new Postgres(connectionString) : new Sqlite(connectionString);

        public abstract Task<int> CountDocumentsAsync(CancellationToken cancellationToken);
        public abstract Task TopMatchesAsync(string query, CancellationToken cancellationToken);
        public abstract Task OptimizeAsync(CancellationToken cancellationToken);

        /// <summary>Deletes the documents whose id starts with <paramref name="prefix"/>, with their pages.</summary>
        public abstract Task DeleteAsync(string prefix, CancellationToken cancellationToken);

        protected static SearchQuery Parse(string text) =>
            SearchQuery.TryParse(text, out var query, out var error) ? query : throw new ArgumentException(error);

        private sealed class Sqlite(string connectionString) : RawEngine
        {
            private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return connection;
            }

            public override async Task<int> CountDocumentsAsync(CancellationToken cancellationToken)
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var command = new SqliteCommand("SELECT COUNT(*) FROM documents", connection);
                return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            public override async Task TopMatchesAsync(string query, CancellationToken cancellationToken)
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var command = new SqliteCommand("SELECT rowid FROM pages_fts WHERE pages_fts MATCH $m LIMIT 20", connection);
                command.Parameters.AddWithValue("$m", FtsQuery.Render(Parse(query)));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                }
            }

            public override async Task DeleteAsync(string prefix, CancellationToken cancellationToken)
            {
                await using var connection = await OpenAsync(cancellationToken);
                // The pages' delete trigger takes them out of the full-text index.
                await using var command = new SqliteCommand(
                    "DELETE FROM pages WHERE document_id >= $p AND document_id < $p || 'z'; DELETE FROM documents WHERE id >= $p AND id < $p || 'z';", connection)
                    { CommandTimeout = 600 };
                command.Parameters.AddWithValue("$p", prefix);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            public override async Task OptimizeAsync(CancellationToken cancellationToken)
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var command = new SqliteCommand("ANALYZE;", connection) { CommandTimeout = 3600 };
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        private sealed class Postgres(string connectionString) : RawEngine
        {
            public override async Task<int> CountDocumentsAsync(CancellationToken cancellationToken)
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM documents", connection);
                return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            public override async Task TopMatchesAsync(string query, CancellationToken cancellationToken)
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT id FROM pages WHERE tsv @@ to_tsquery('aithena', @m) LIMIT 20", connection);
                command.Parameters.AddWithValue("m", TsQuery.Render(Parse(query)));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                }
            }

            public override async Task DeleteAsync(string prefix, CancellationToken cancellationToken)
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand(
                    "DELETE FROM pages WHERE document_id >= @p AND document_id < @p || 'z'; DELETE FROM documents WHERE id >= @p AND id < @p || 'z';", connection)
                    { CommandTimeout = 600 };
                command.Parameters.AddWithValue("p", prefix);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            public override async Task OptimizeAsync(CancellationToken cancellationToken)
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                // Flushes the GIN index's pending list and gives the planner its statistics, as autovacuum would in time.
                await using var command = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 3600 };
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
