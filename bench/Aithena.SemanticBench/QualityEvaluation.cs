using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aithena.Catalog;
using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Aithena.Semantic.Search;
using Microsoft.Extensions.Options;

namespace Aithena.SemanticBench;

/// <summary>
/// Runs every labelled query of <see cref="EvaluationSet"/> in the three modes through <see cref="DocumentSearch"/>
/// (what the Api runs) for each model, and scores the top 10: recall@10 and nDCG@10 (binary relevance).
/// </summary>
public static class QualityEvaluation
{
    private const int K = 10;

    public sealed record ModeScore(SearchMode Mode, double Recall, double Ndcg, double Mrr, Dictionary<QueryKind, (double Recall, double Ndcg)> ByKind);

    public sealed record ModelResult(EmbeddingModel Model, int Passages, double PassagesPerSecond, double LoadSeconds, IReadOnlyList<ModeScore> Scores);

    public static async Task<ModelResult> RunAsync(EmbeddingModel model, PassageSplitter? splitter = null)
    {
        var embedding = new EmbeddingOptions { Model = model };
        using var generator = new SentenceEncoderEmbeddingGenerator(Options.Create(embedding));
        var load = Stopwatch.StartNew();
        generator.EnsureLoaded();
        var loadSeconds = load.Elapsed.TotalSeconds;
        await using var harness = await Harness.CreateAsync(generator, embedding, splitter: splitter);

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var texts = EvaluationSet.Targets.Select(t => (t.Key, t.Text))
            .Concat(EvaluationSet.HardNegatives.Select((t, i) => (Key: $"negative-{i}", Text: t)))
            .Concat(EvaluationSet.Filler().Select((t, i) => (Key: $"filler-{i}", Text: t)))
            .ToList();
        for (var i = 0; i < texts.Count; i++)
        {
            var id = $"e{i:D4}";
            keys[id] = texts[i].Key;
            await harness.IndexAsync(id, $"Passage {i}", texts[i].Text);
        }

        var embed = Stopwatch.StartNew();
        var passages = 0;
        foreach (var id in keys.Keys)
        {
            passages += (await harness.Embedder.EmbedAsync(id, CancellationToken.None)).Passages;
        }

        var perSecond = passages / embed.Elapsed.TotalSeconds;
        await harness.LoadVectorsAsync();

        var scores = new List<ModeScore>();
        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            var perQuery = new List<(QueryKind Kind, double Recall, double Ndcg, double Rr)>();
            foreach (var query in EvaluationSet.Queries)
            {
                var response = await harness.Search.SearchAsync(new SearchRequest(query.Text, 1, K), mode, CancellationToken.None);
                if (response.Mode != mode.ToString().ToLowerInvariant())
                {
                    throw new InvalidOperationException($"{mode} answered as {response.Mode}: {response.Semantic.Reason}");
                }

                var ranked = response.Results.Select(r => keys[r.Id]).ToList();
                perQuery.Add((query.Kind, Recall(ranked, query.Relevant), Ndcg(ranked, query.Relevant), ReciprocalRank(ranked, query.Relevant)));
            }

            scores.Add(new ModeScore(mode, perQuery.Average(q => q.Recall), perQuery.Average(q => q.Ndcg), perQuery.Average(q => q.Rr),
                perQuery.GroupBy(q => q.Kind).ToDictionary(g => g.Key, g => (g.Average(q => q.Recall), g.Average(q => q.Ndcg)))));
        }

        return new ModelResult(model, passages, perSecond, loadSeconds, scores);
    }

    public static string Report(IReadOnlyList<ModelResult> results, EmbeddingModel chosen, string command)
    {
        var invariant = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("# Search quality").AppendLine();
        b.AppendLine($"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC ({Environment.ProcessorCount} cores). Do not edit by hand: rerun the command.").AppendLine();
        b.AppendLine($"The evaluation set (`bench/Aithena.SemanticBench/EvaluationSet.cs`) was written for Aithena: {EvaluationSet.Targets.Count} passages that answer " +
                     $"{EvaluationSet.Queries.Count} labelled queries (paraphrases, synonyms, exact terms, names, numbers, questions), {EvaluationSet.HardNegatives.Count} " +
                     $"hard negatives that share the queries' words without answering them, and {EvaluationSet.Filler().Count} generated filler passages: " +
                     $"{results[0].Passages} passages in all, each indexed as a one-page document. Every query runs through `DocumentSearch`, the class behind " +
                     "`GET /v1/search`, over a real SQLite catalog (FTS5 for keywords, the passage store for vectors); the top 10 documents are scored " +
                     "with binary relevance: recall@10, nDCG@10 and MRR.").AppendLine();
        b.AppendLine("Keyword mode is the catalog's full-text search as users call it: every word must occur (implicit AND), so a question or a paraphrase " +
                     "that uses other words than the page finds nothing. That is the gap semantic search closes; the exact-term, name and number rows show " +
                     "what keywords do well and what hybrid must keep.").AppendLine();

        b.AppendLine($"Passages per second here include writing them to the catalog; the machine's load average was {Machine.LoadAverage()} when the report was written (2 cores shared), " +
                     "so compare the two models' rates with each other, not with the benchmark's.").AppendLine();

        var hybrid = results.ToDictionary(r => r.Model, r => r.Scores.Single(s => s.Mode == SearchMode.Hybrid));
        var keyword = results.Single(r => r.Model == chosen).Scores.Single(s => s.Mode == SearchMode.Keyword);
        var worse = Enum.GetValues<QueryKind>().Where(kind => hybrid[chosen].ByKind.TryGetValue(kind, out var h) && keyword.ByKind.TryGetValue(kind, out var k) && h.Ndcg < k.Ndcg).ToList();
        b.AppendLine("## Choice").AppendLine();
        b.AppendLine(string.Create(invariant, $"**Mode:** hybrid is the default: for {chosen}, hybrid's nDCG@10 is {hybrid[chosen].Ndcg:F3} against keyword's {keyword.Ndcg:F3} ") +
                     string.Create(invariant, $"(recall@10 {hybrid[chosen].Recall:F3} against {keyword.Recall:F3}); ") +
                     (worse.Count == 0 ? "on no kind of query is it below keyword. " : $"it is below keyword on: {string.Join(", ", worse)}. ") +
                     "The command fails if hybrid ever scores below keyword.").AppendLine();
        b.AppendLine($"**Model:** {chosen}, the better hybrid nDCG@10 here (" +
                     string.Join(", ", hybrid.Select(h => string.Create(invariant, $"{h.Key} {h.Value.Ndcg:F3}"))) + "). The two are close: both find nearly every paraphrase and question, " +
                     "which says this set cannot separate them finely (its passages are short and on distinct subjects); they embed at a comparable rate and take the " +
                     "same memory (docs/BENCHMARKS-SEMANTIC.md), and arctic-embed needs an instruction before every query. A larger set of real pages would decide more " +
                     "surely; `Embeddings:Model` switches without code.").AppendLine();

        foreach (var result in results)
        {
            b.AppendLine($"## {result.Model} ({SentenceEncoderEmbeddingGenerator.ModelId(result.Model, new EmbeddingOptions().Precision)}){(result.Model == chosen ? " - the default" : "")}").AppendLine();
            b.AppendLine(invariant, $"Model load {result.LoadSeconds:F1} s; {result.Passages} passages embedded (and written to the catalog) at {result.PassagesPerSecond:F0} passages/s.").AppendLine();
            b.AppendLine("| mode | recall@10 | nDCG@10 | MRR |").AppendLine("|---|---:|---:|---:|");
            foreach (var s in result.Scores)
            {
                b.AppendLine(invariant, $"| {s.Mode.ToString().ToLowerInvariant()} | {s.Recall:F3} | {s.Ndcg:F3} | {s.Mrr:F3} |");
            }

            b.AppendLine().AppendLine("nDCG@10 by kind of query:").AppendLine();
            b.AppendLine("| kind | queries | keyword | semantic | hybrid |").AppendLine("|---|---:|---:|---:|---:|");
            foreach (var kind in Enum.GetValues<QueryKind>())
            {
                var count = EvaluationSet.Queries.Count(q => q.Kind == kind);
                var cells = string.Join(" | ", result.Scores.Select(s => s.ByKind.TryGetValue(kind, out var v) ? v.Ndcg.ToString("F3", invariant) : "-"));
                b.AppendLine(invariant, $"| {kind} | {count} | {cells} |");
            }

            b.AppendLine();
        }

        return b.ToString();
    }

    public static double Recall(List<string> ranked, string[] relevant) => relevant.Count(r => ranked.Take(K).Contains(r)) / (double)relevant.Length;

    public static double Ndcg(List<string> ranked, string[] relevant)
    {
        var dcg = ranked.Take(K).Select((key, i) => relevant.Contains(key) ? 1 / Math.Log2(i + 2) : 0).Sum();
        var ideal = Enumerable.Range(0, Math.Min(K, relevant.Length)).Sum(i => 1 / Math.Log2(i + 2));
        return dcg / ideal;
    }

    public static double ReciprocalRank(List<string> ranked, string[] relevant)
    {
        var first = ranked.Take(K).ToList().FindIndex(relevant.Contains);
        return first < 0 ? 0 : 1.0 / (first + 1);
    }
}
