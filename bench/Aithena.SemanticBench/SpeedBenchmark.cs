using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aithena.Catalog;
using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Aithena.Semantic.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Aithena.SemanticBench;

/// <summary>
/// How fast passages are embedded and how much memory the model takes; how long semantic and hybrid queries take over
/// 100k and 1M passages (vectors generated, unit length, 10 passages per document) through <see cref="DocumentSearch"/>;
/// and how long the Api takes to load the vectors from the catalog at start.
/// </summary>
public static class SpeedBenchmark
{
    private const int Queries = 60;
    private const int KeywordDocuments = 10_000;
    private const int PassagesPerDocument = 10;

    public static async Task<string> RunAsync(int[] sizes, string command)
    {
        var invariant = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("# Semantic search benchmarks").AppendLine();
        b.AppendLine($"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average at start {Machine.LoadAverage()}. " +
                     "Do not edit by hand: rerun the command.").AppendLine();

        b.AppendLine("## Embedding").AppendLine();
        b.AppendLine("Passages of 120 words (the longest the splitter makes), batches of 16, ONNX Runtime on every core. Memory is the process's resident set " +
                     "before the model was loaded and after it loaded and embedded (what the Indexer carries with the model loaded).").AppendLine();
        b.AppendLine("| model | load | passages/s | resident set before | after |").AppendLine("|---|---:|---:|---:|---:|");
        var passages = Enumerable.Range(0, 96).Select(i => string.Join(' ', Enumerable.Range(0, 12).Select(j =>
            EvaluationSet.Targets[(i + j) % EvaluationSet.Targets.Count].Text.Split(' ').Take(10).Aggregate((x, y) => x + " " + y)))).ToList();
        foreach (var model in new[] { EmbeddingModel.MiniLM, EmbeddingModel.ArcticXs })
        {
            GC.Collect();
            var before = Rss();
            using var generator = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model }));
            var load = Stopwatch.StartNew();
            generator.EnsureLoaded();
            var loaded = load.Elapsed;
            await generator.GenerateAsync(passages.Take(16)); // warm-up
            var clock = Stopwatch.StartNew();
            await generator.GenerateAsync(passages);
            var rate = passages.Count / clock.Elapsed.TotalSeconds;
            b.AppendLine(invariant, $"| {model} | {loaded.TotalSeconds:F1} s | {rate:F1} | {before / 1048576} MiB | {Rss() / 1048576} MiB |");
            Console.Error.WriteLine($"speed: {model} {rate:F1} passages/s");
        }

        b.AppendLine().AppendLine("## Queries").AppendLine();
        b.AppendLine($"Exact search over generated unit vectors ({PassagesPerDocument} passages per document) held in memory as int8 (one signed byte a dimension and the row's inverse length; the query quantised the same way); the catalog holds " +
                     $"{KeywordDocuments:N0} documents of real text for the keyword half of hybrid. Each figure is over {Queries} queries (the evaluation's " +
                     "queries, embedded by MiniLM for real), after a warm-up; a query's time includes embedding it (shown alone in its own column), the scan, " +
                     "and for hybrid the keyword search and the fusion. Vector load is the Api's start-up: every passage read from the catalog " +
                     "(int8 + scale) into memory.").AppendLine();
        b.AppendLine("| passages | index memory | vector load at start | query embedding p50 / p99 | semantic p50 / p99 | hybrid p50 / p99 |");
        b.AppendLine("|---:|---:|---:|---:|---:|---:|");
        var embedding = new EmbeddingOptions { Model = EmbeddingModel.MiniLM };
        using (var queryGenerator = new SentenceEncoderEmbeddingGenerator(Options.Create(embedding)))
        {
            foreach (var size in sizes)
            {
                Console.Error.WriteLine($"speed: {size} passages");
                await using var harness = await Harness.CreateAsync(queryGenerator, embedding);
                var random = new Random(size);
                for (var i = 0; i < KeywordDocuments; i++)
                {
                    await harness.IndexAsync($"k{i:D6}", $"Document {i}", EvaluationSet.Filler()[i % EvaluationSet.Filler().Count] + " " +
                        EvaluationSet.Targets[i % EvaluationSet.Targets.Count].Text);
                }

                // Vector load at start: the passages written to the catalog, then read by a fresh loader.
                var documents = size / PassagesPerDocument;
                for (var d = 0; d < documents; d++)
                {
                    var id = $"v{d:D7}";
                    var vectors = Enumerable.Range(0, PassagesPerDocument).Select(_ => RandomUnit(random)).ToList();
                    if (d < KeywordDocuments)
                    {
                        // The first documents are the keyword documents themselves, so hybrid fuses over real overlap.
                        id = $"k{d:D6}";
                    }
                    else
                    {
                        await harness.IndexAsync(id, $"Vector document {d}", "");
                    }

                    var stamp = (await harness.Store.ReadTextAsync(id, CancellationToken.None))!.IndexingStamp;
                    await harness.Store.ReplaceAsync(id, stamp, queryGenerator.Metadata.DefaultModelId!,
                        vectors.Select((v, i) => new EmbeddedPassage(new Passage(1, i, "generated"), v)).ToList(), CancellationToken.None);
                }

                GC.Collect();
                var before = GC.GetTotalMemory(forceFullCollection: true);
                var load = await harness.LoadVectorsAsync();
                var memory = GC.GetTotalMemory(forceFullCollection: true) - before;

                var embed = new List<double>();
                var semantic = new List<double>();
                var hybrid = new List<double>();
                var texts = EvaluationSet.Queries.Select(q => q.Text).ToList();
                for (var i = -5; i < Queries; i++)
                {
                    var text = texts[(i + texts.Count) % texts.Count];
                    var clock = Stopwatch.StartNew();
                    await queryGenerator.GenerateVectorAsync(text);
                    var e = clock.Elapsed.TotalMilliseconds;
                    clock.Restart();
                    await harness.Search.SearchAsync(new SearchRequest(text, 1, 20), SearchMode.Semantic, CancellationToken.None);
                    var s = clock.Elapsed.TotalMilliseconds;
                    clock.Restart();
                    await harness.Search.SearchAsync(new SearchRequest(text, 1, 20), SearchMode.Hybrid, CancellationToken.None);
                    var h = clock.Elapsed.TotalMilliseconds;
                    if (i >= 0)
                    {
                        embed.Add(e);
                        semantic.Add(s);
                        hybrid.Add(h);
                    }
                }

                b.AppendLine(invariant, $"| {harness.Index.PassageCount:N0} | {memory / 1048576:N0} MiB | {load.TotalSeconds:F1} s | {P(embed, 50):F1} / {P(embed, 99):F1} ms | " +
                                        $"{P(semantic, 50):F1} / {P(semantic, 99):F1} ms | {P(hybrid, 50):F1} / {P(hybrid, 99):F1} ms |");
                Console.Error.WriteLine($"speed: {size}: semantic p50 {P(semantic, 50):F1} ms, hybrid p50 {P(hybrid, 50):F1} ms, load {load.TotalSeconds:F1} s");
            }
        }

        return b.ToString();
    }

    private static float[] RandomUnit(Random random)
    {
        var v = new float[384];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() - 0.5);
        }

        VectorCodec.Normalize(v);
        return v;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static long Rss()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
