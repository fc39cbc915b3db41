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
/// saves. "Before" is arrival order with ONNX Runtime's defaults; "after" is the default configuration. The runs
/// alternate (before, after, before, after) so a neighbour's load falls on both, and the best of each is reported.
/// The vectors of both must agree (cosine), or the tuning changed what the model says.
/// </summary>
public static class EmbeddingThroughput
{
    public const string Heading = "## Embedding throughput: before and after";
    private const int Rounds = 2;

    public static async Task<string> RunAsync(string command)
    {
        var invariant = CultureInfo.InvariantCulture;
        var pages = Enumerable.Range(0, 48).Select(i => string.Join(' ', Enumerable.Range(0, 1 + (i * 7 % 15)).Select(j =>
            EvaluationSet.Targets[(i * 5 + j) % EvaluationSet.Targets.Count].Text))).ToList();
        var passages = new PassageSplitter().Split(pages).Select(p => p.Text).ToList();
        var words = passages.Select(p => p.Split(' ').Length).ToList();

        var b = new StringBuilder();
        b.AppendLine(Heading).AppendLine();
        var loadAverage = LoadAverage();
        var batchSize = new EmbeddingOptions().BatchSize;
        b.AppendLine(string.Create(invariant,
            $"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average at start {loadAverage}. {passages.Count} passages cut by the splitter from pages of 1 to 15 sentences ({words.Min()} to {words.Max()} words, {words.Average():F0} on average), batches of {batchSize}, one process. Before: arrival order, ONNX Runtime's default session. After: the default configuration (`Embeddings:GroupByLength`, `Embeddings:TunedSession`): shortest first, every graph optimisation, one thread per core inside an operator. Best of {Rounds} alternating rounds. Agreement: the lowest cosine between a passage's vectors before and after.")).AppendLine();
        b.AppendLine("| model | before, passages/s | after, passages/s | speed-up | agreement |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var model in new[] { EmbeddingModel.MiniLM, EmbeddingModel.ArcticXs })
        {
            using var before = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, GroupByLength = false, TunedSession = false }));
            using var after = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model }));
            await before.GenerateAsync(passages.Take(16)); // load and warm up
            await after.GenerateAsync(passages.Take(16));
            double bestBefore = 0, bestAfter = 0;
            float[][] vectorsBefore = [], vectorsAfter = [];
            for (var round = 0; round < Rounds; round++)
            {
                var (rate, vectors) = await MeasureAsync(before, passages);
                (bestBefore, vectorsBefore) = (Math.Max(bestBefore, rate), vectors);
                (rate, vectors) = await MeasureAsync(after, passages);
                (bestAfter, vectorsAfter) = (Math.Max(bestAfter, rate), vectors);
                Console.Error.WriteLine($"throughput: {model} round {round + 1}: before {bestBefore:F1}, after {bestAfter:F1} passages/s");
            }

            var agreement = vectorsBefore.Zip(vectorsAfter, Cosine).Min();
            b.AppendLine(invariant, $"| {model} | {bestBefore:F1} | {bestAfter:F1} | {bestAfter / bestBefore:F2}x | {agreement:F4} |");
        }

        return b.ToString();
    }

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
