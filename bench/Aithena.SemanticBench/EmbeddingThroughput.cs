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
/// saves. "Before" is arrival order with ONNX Runtime's defaults and the package's encoder (session 5); "now" is
/// float32 with length grouping and the tuned session; "direct" adds <see cref="DirectSentenceEncoder"/>; "int8" is the
/// model quantised at load (<see cref="Int8ModelQuantizer"/>, the default), with its agreement to float32 and the peak memory of each. The runs alternate so a
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
        var loadAverage = Machine.LoadAverage();
        var batchSize = new EmbeddingOptions().BatchSize;
        b.AppendLine(string.Create(invariant,
            $"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average at start {loadAverage} (the machine is shared: compare the columns of one run, not runs). {passages.Count} passages cut by the splitter from pages of 1 to 15 sentences ({words.Min()} to {words.Max()} words, {words.Average():F0} on average), batches of {batchSize}, one process. Before: arrival order, ONNX Runtime's default session, the package's encoder. Now: the default configuration before int8 (float32), shortest first (`Embeddings:GroupByLength`), every graph optimisation and one thread per core inside an operator (`Embeddings:TunedSession`). Direct: now plus `Embeddings:DirectEncoder` (the packaged model run without the package's encoder: only the output it pools, no element-by-element tensor copies, pooling on spans; off by default). Int8: `Embeddings:Precision=Int8`, the model quantised at load (`Int8ModelQuantizer`: int8 weights with a scale per output column, activations quantised per call, the direct encoder). Best of {Rounds} alternating rounds. Agreement: the lowest cosine between a passage's vectors before and with the direct encoder; int8 agreement: the lowest and mean cosine between a passage's float32 (direct) and int8 vectors. Peak resident set: a process of its own per precision that loads the model and embeds these passages (VmHWM; the process's runtime included).")).AppendLine();
        b.AppendLine("| model | before, passages/s | now | direct | int8 | now / before | direct / before | int8 / direct | agreement | int8 agreement: lowest / mean | quantising at load | peak resident set float32 / int8 |").AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var model in new[] { EmbeddingModel.MiniLM, EmbeddingModel.ArcticXs })
        {
            using var before = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, GroupByLength = false, TunedSession = false, DirectEncoder = false, Precision = EmbeddingPrecision.Float32 }));
            using var session6 = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, Precision = EmbeddingPrecision.Float32 }));
            using var now = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, DirectEncoder = true, Precision = EmbeddingPrecision.Float32 }));
            using var int8 = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, Precision = EmbeddingPrecision.Int8 }));
            await before.GenerateAsync(passages.Take(16)); // load and warm up
            await session6.GenerateAsync(passages.Take(16));
            await now.GenerateAsync(passages.Take(16));
            await int8.GenerateAsync(passages.Take(16));
            double bestBefore = 0, bestSession6 = 0, bestNow = 0, bestInt8 = 0;
            float[][] vectorsBefore = [], vectorsNow = [], vectorsInt8 = [];
            for (var round = 0; round < Rounds; round++)
            {
                var (rate, vectors) = await MeasureAsync(before, passages);
                (bestBefore, vectorsBefore) = (Math.Max(bestBefore, rate), vectors);
                (rate, _) = await MeasureAsync(session6, passages);
                bestSession6 = Math.Max(bestSession6, rate);
                (rate, vectors) = await MeasureAsync(now, passages);
                (bestNow, vectorsNow) = (Math.Max(bestNow, rate), vectors);
                (rate, vectors) = await MeasureAsync(int8, passages);
                (bestInt8, vectorsInt8) = (Math.Max(bestInt8, rate), vectors);
                Console.Error.WriteLine($"throughput: {model} round {round + 1}: before {bestBefore:F1}, now {bestSession6:F1}, direct {bestNow:F1}, int8 {bestInt8:F1} passages/s");
            }

            var agreement = vectorsBefore.Zip(vectorsNow, Cosine).Min();
            var int8Agreement = vectorsNow.Zip(vectorsInt8, Cosine).ToList();
            var (peakFloat, peakInt8) = (await PeakResidentSetAsync(model, EmbeddingPrecision.Float32), await PeakResidentSetAsync(model, EmbeddingPrecision.Int8));
            b.AppendLine(invariant, $"| {model} | {bestBefore:F1} | {bestSession6:F1} | {bestNow:F1} | {bestInt8:F1} | {bestSession6 / bestBefore:F2}x | {bestNow / bestBefore:F2}x | {bestInt8 / bestNow:F2}x | {agreement:F4} | {int8Agreement.Min():F4} / {int8Agreement.Average():F4} | {int8.QuantizeSeconds:F2} s | {peakFloat} / {peakInt8} MiB |");
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
    public static string Splice(string report, string section) => ReportSection.Splice(report, Heading, section);

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

    /// <summary>
    /// The peak resident set of a fresh process (this program's <c>resident</c> command) that loads the model at
    /// <paramref name="precision"/> and embeds the benchmark's passages: the model's memory alone, not this process's four models.
    /// </summary>
    private static async Task<long> PeakResidentSetAsync(EmbeddingModel model, EmbeddingPrecision precision)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(EmbeddingThroughput).Assembly.Location, "resident", model.ToString(), precision.ToString()]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return long.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Loads one model, embeds the benchmark's passages and prints the process's peak resident set in MiB.</summary>
    public static async Task<long> ResidentAsync(EmbeddingModel model, EmbeddingPrecision precision)
    {
        var passages = new PassageSplitter().Split(Pages(0)).Select(p => p.Text).ToList();
        using var generator = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, Precision = precision }));
        await generator.GenerateAsync(passages);
        var status = await File.ReadAllLinesAsync("/proc/self/status");
        var peak = status.Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(peak.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
