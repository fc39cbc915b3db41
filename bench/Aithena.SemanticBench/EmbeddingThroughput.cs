using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Microsoft.Extensions.Options;

namespace Aithena.SemanticBench;

/// <summary>
/// Passages per second of the Embedder's model, before and after its tuning, side by side in one run on the same
/// passages: passages of the lengths the splitter really makes (pages of 1 to 15 sentences, cut by
/// <see cref="PassageSplitter"/>), not all of the longest length, since padding within a batch is what length grouping
/// saves. "Before" is arrival order with ONNX Runtime's defaults and the package's encoder (session 5); "now" is the
/// default configuration (length grouping and the tuned session); "direct" adds <see cref="DirectSentenceEncoder"/>. The runs alternate so a
/// neighbour's load falls on all, and the best of each is reported. The vectors must agree (cosine), or the tuning
/// changed what the model says. Then the document path (<see cref="DocumentEmbedder"/> over a real SQLite catalog,
/// writes included): a first indexing, a re-indexing whose text did not change (a metadata correction, a retry, a
/// touched file) and one where one page in ten changed, each with and without reusing the vectors of unchanged passages.
/// </summary>
public static class EmbeddingThroughput
{
    public const string Heading = "## Embedding throughput: before and after";
    private const int Rounds = 2;

    public static async Task<string> RunAsync(string command)
    {
        var invariant = CultureInfo.InvariantCulture;
        var pages = Pages(0);
        var passages = new PassageSplitter().Split(pages).Select(p => p.Text).ToList();
        var words = passages.Select(p => p.Split(' ').Length).ToList();

        var b = new StringBuilder();
        b.AppendLine(Heading).AppendLine();
        var loadAverage = LoadAverage();
        var batchSize = new EmbeddingOptions().BatchSize;
        b.AppendLine(string.Create(invariant,
            $"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average at start {loadAverage} (the machine is shared: compare the columns of one run, not runs). {passages.Count} passages cut by the splitter from pages of 1 to 15 sentences ({words.Min()} to {words.Max()} words, {words.Average():F0} on average), batches of {batchSize}, one process. Before: arrival order, ONNX Runtime's default session, the package's encoder. Now: the default configuration, shortest first (`Embeddings:GroupByLength`), every graph optimisation and one thread per core inside an operator (`Embeddings:TunedSession`). Direct: now plus `Embeddings:DirectEncoder` (the packaged model run without the package's encoder: only the output it pools, no element-by-element tensor copies, pooling on spans; off by default). Best of {Rounds} alternating rounds. Agreement: the lowest cosine between a passage's vectors before and with the direct encoder.")).AppendLine();
        b.AppendLine("| model | before, passages/s | now | direct | now / before | direct / before | agreement |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var model in new[] { EmbeddingModel.MiniLM, EmbeddingModel.ArcticXs })
        {
            using var before = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, GroupByLength = false, TunedSession = false, DirectEncoder = false }));
            using var session6 = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model }));
            using var now = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, DirectEncoder = true }));
            await before.GenerateAsync(passages.Take(16)); // load and warm up
            await session6.GenerateAsync(passages.Take(16));
            await now.GenerateAsync(passages.Take(16));
            double bestBefore = 0, bestSession6 = 0, bestNow = 0;
            float[][] vectorsBefore = [], vectorsNow = [];
            for (var round = 0; round < Rounds; round++)
            {
                var (rate, vectors) = await MeasureAsync(before, passages);
                (bestBefore, vectorsBefore) = (Math.Max(bestBefore, rate), vectors);
                (rate, _) = await MeasureAsync(session6, passages);
                bestSession6 = Math.Max(bestSession6, rate);
                (rate, vectors) = await MeasureAsync(now, passages);
                (bestNow, vectorsNow) = (Math.Max(bestNow, rate), vectors);
                Console.Error.WriteLine($"throughput: {model} round {round + 1}: before {bestBefore:F1}, now {bestSession6:F1}, direct {bestNow:F1} passages/s");
            }

            var agreement = vectorsBefore.Zip(vectorsNow, Cosine).Min();
            b.AppendLine(invariant, $"| {model} | {bestBefore:F1} | {bestSession6:F1} | {bestNow:F1} | {bestSession6 / bestBefore:F2}x | {bestNow / bestBefore:F2}x | {agreement:F4} |");
        }

        b.AppendLine().AppendLine(await DocumentPathsAsync()).AppendLine();
        return b.ToString();
    }

    /// <summary>
    /// MiniLM through <see cref="DocumentEmbedder"/> and a real SQLite catalog: 12 documents of 8 pages, first indexed,
    /// then re-indexed with the same text, then with one page in ten changed. "Without reuse" is the embedder before
    /// this session (every passage encoded again), by a store that forgets the old vectors.
    /// </summary>
    private static async Task<string> DocumentPathsAsync()
    {
        var invariant = CultureInfo.InvariantCulture;
        var options = new EmbeddingOptions { Model = EmbeddingModel.MiniLM };
        using var generator = new SentenceEncoderEmbeddingGenerator(Options.Create(options));
        generator.EnsureLoaded();
        var documents = Enumerable.Range(0, 12).Select(d => (Id: $"d{d:D2}", Pages: Pages(d * 8, 8))).ToList();
        var rows = new List<string>();
        foreach (var reuse in new[] { false, true })
        {
            await using var harness = await Harness.CreateAsync(generator, options);
            var embedder = reuse ? harness.Embedder : new DocumentEmbedder(new ForgetfulStore(harness.Store), new PassageSplitter(), generator);
            var first = await EmbedAllAsync(harness, embedder, documents);
            var same = await EmbedAllAsync(harness, embedder, documents);
            var changed = await EmbedAllAsync(harness, embedder, documents.Select(d => (d.Id, d.Pages.Select((p, i) => i % 10 == 3 ? "Revised: " + p : p).ToList())).ToList());
            rows.Add(string.Create(invariant, $"| {(reuse ? "now (reuse)" : "before (no reuse)")} | {first.Rate:F1} | {same.Rate:F1} ({same.Encoded} of {same.Passages} encoded) | {changed.Rate:F1} ({changed.Encoded} of {changed.Passages} encoded) |"));
            Console.Error.WriteLine("throughput: " + rows[^1]);
        }

        var b = new StringBuilder();
        b.AppendLine(string.Create(invariant, $"The document path: MiniLM through `DocumentEmbedder` (what the Embedder runs per `embed-document`: read the pages, split, encode, write) over a real SQLite catalog, {documents.Count} documents of 8 pages, passages/s including the catalog's reads and writes. A re-indexing gives a document a new indexing stamp, so the old code embedded every passage again; now a passage whose text the document already had keeps its vector, and a text repeated within a document is encoded once.")).AppendLine();
        b.AppendLine("| embedder | first indexing, passages/s | re-indexing, text unchanged | re-indexing, one page in ten changed |").AppendLine("|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            b.AppendLine(row);
        }

        return b.ToString();
    }

    private static async Task<(double Rate, int Passages, int Encoded)> EmbedAllAsync(Harness harness, DocumentEmbedder embedder, List<(string Id, List<string> Pages)> documents)
    {
        foreach (var (id, pages) in documents)
        {
            await harness.IndexAsync(id, "Throughput " + id, [.. pages]);
        }

        var clock = Stopwatch.StartNew();
        int passages = 0, encoded = 0;
        foreach (var (id, _) in documents)
        {
            var result = await embedder.EmbedDocumentAsync(id, CancellationToken.None);
            (passages, encoded) = (passages + result.Passages, encoded + result.Encoded);
        }

        return (passages / clock.Elapsed.TotalSeconds, passages, encoded);
    }

    /// <summary>Pages of 1 to 15 sentences of the evaluation set's passages.</summary>
    private static List<string> Pages(int first, int count = 48) => Enumerable.Range(first, count).Select(i => string.Join(' ', Enumerable.Range(0, 1 + (i * 7 % 15)).Select(j =>
        EvaluationSet.Targets[(i * 5 + j) % EvaluationSet.Targets.Count].Text))).ToList();

    /// <summary>Puts <paramref name="section"/> in place of the report's section of the same heading, or at its end.</summary>
    public static string Splice(string report, string section)
    {
        var start = report.IndexOf(Heading, StringComparison.Ordinal);
        if (start < 0)
        {
            return report.TrimEnd() + "\n\n" + section;
        }

        var next = report.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
        return report[..start] + section + (next < 0 ? "" : "\n" + report[(next + 1)..]);
    }

    private static async Task<(double Rate, float[][] Vectors)> MeasureAsync(SentenceEncoderEmbeddingGenerator generator, List<string> passages)
    {
        var clock = Stopwatch.StartNew();
        var embeddings = await generator.GenerateAsync(passages);
        return (passages.Count / clock.Elapsed.TotalSeconds, embeddings.Select(e => e.Vector.ToArray()).ToArray());
    }

    private static float Cosine(float[] a, float[] b)
    {
        float dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / MathF.Sqrt(na * nb);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
