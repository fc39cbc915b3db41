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
/// The evaluation over real documents: the English manuals of the corpus (<c>scripts/corpus.sh</c>: Debian's
/// texlive-latex-recommended-doc and texlive-fonts-recommended-doc), the first pages of each as poppler's pdftotext reads
/// them, indexed as documents in a real SQLite catalog; queries that describe a manual without naming it
/// (<c>RealDocuments.tsv</c>: the query and the files that answer it) run in the three modes through
/// <see cref="DocumentSearch"/>, scored on the top 10 documents. The manuals nobody asks about are the distractors.
/// </summary>
public static class RealDocumentsEvaluation
{
    public const string Heading = "## Real documents";
    public const string JudgementFile = "bench/Aithena.SemanticBench/RealDocuments.tsv";
    private const int K = 10;
    private static readonly string[] Packages = ["texlive-latex-recommended-doc", "texlive-fonts-recommended-doc"];

    public sealed record Judgement(string Query, string[] Relevant);

    public static async Task<string> RunAsync(string corpus, int pagesPerDocument, EmbeddingModel model, string command, PassageSplitter? splitter = null)
    {
        var invariant = CultureInfo.InvariantCulture;
        var judgements = File.ReadLines(JudgementFile).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')).Select(f => new Judgement(f[0], f[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        var files = File.ReadLines(Path.Combine(corpus, "manifest.tsv")).Select(l => l.Split('\t')).Where(f => Packages.Contains(f[2])).Select(f => f[0]).Order(StringComparer.Ordinal).ToList();
        var missing = judgements.SelectMany(j => j.Relevant).Except(files).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The corpus in {corpus} lacks judged files: {string.Join(", ", missing)} (rebuild it with scripts/corpus.sh)");
        }

        var embedding = new EmbeddingOptions { Model = model };
        using var generator = new SentenceEncoderEmbeddingGenerator(Options.Create(embedding));
        generator.EnsureLoaded();
        await using var harness = await Harness.CreateAsync(generator, embedding, splitter: splitter);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var pageCount = 0;
        foreach (var file in files)
        {
            var pages = (await PdfText.PagesAsync(Path.Combine(corpus, "pdf", file), pagesPerDocument)).Select(p => p.Replace('\n', ' ')).ToArray();
            var id = $"r{ids.Count:D4}";
            ids[id] = file;
            pageCount += pages.Length;
            // A neutral title: the file name would name the package, which the queries avoid.
            await harness.IndexAsync(id, $"Manual {ids.Count}", pages);
        }

        Console.Error.WriteLine($"real documents: {files.Count} indexed ({pageCount} pages), embedding with {model}");
        var clock = Stopwatch.StartNew();
        var passages = 0;
        foreach (var id in ids.Keys)
        {
            passages += (await harness.Embedder.EmbedDocumentAsync(id, CancellationToken.None)).Passages;
        }

        var perSecond = passages / clock.Elapsed.TotalSeconds;
        await harness.LoadVectorsAsync();

        var rows = new List<string>();
        var perQueryRanks = new Dictionary<SearchMode, List<int>>();
        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            var scores = new List<(double Recall, double Ndcg, double Rr)>();
            perQueryRanks[mode] = [];
            foreach (var judgement in judgements)
            {
                var response = await harness.Search.SearchAsync(new SearchRequest(judgement.Query, 1, K), mode, CancellationToken.None);
                var ranked = response.Results.Select(r => ids[r.Id]).ToList();
                scores.Add((QualityEvaluation.Recall(ranked, judgement.Relevant), QualityEvaluation.Ndcg(ranked, judgement.Relevant), QualityEvaluation.ReciprocalRank(ranked, judgement.Relevant)));
                perQueryRanks[mode].Add(ranked.Take(K).ToList().FindIndex(judgement.Relevant.Contains) + 1);
            }

            var found = perQueryRanks[mode].Count(r => r > 0);
            rows.Add(string.Create(invariant, $"| {mode.ToString().ToLowerInvariant()} | {scores.Average(s => s.Rr):F3} | {scores.Average(s => s.Recall):F3} | {scores.Average(s => s.Ndcg):F3} | {perQueryRanks[mode].Count(r => r == 1)} | {found} |"));
        }

        var b = new StringBuilder();
        b.AppendLine(Heading).AppendLine();
        b.AppendLine($"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC ({Environment.ProcessorCount} cores, load average {Machine.LoadAverage()}). Do not edit by hand: rerun the command.").AppendLine();
        b.AppendLine(string.Create(invariant,
            $"{files.Count} real manuals (the English ones of the corpus that `scripts/corpus.sh` rebuilds from Debian's {string.Join(" and ", Packages)}), **only the first {pagesPerDocument} pages of each** ({pageCount} pages, as `pdftotext` reads them; a subset so the set embeds in minutes on 2 cores: title, abstract, contents and introduction, which say what a manual is for), each indexed as a document in a real SQLite catalog. " +
            $"{judgements.Count} queries (`{JudgementFile}`) describe what a manual is for without naming it (\"marks at the corners of the page for trimming after printing\" → the crop package's manual), judged by the file(s) that answer them; the other manuals are distractors, and titles are neutral (\"Manual 12\") so the package's name cannot give the answer away. " +
            $"Model {model} ({SentenceEncoderEmbeddingGenerator.ModelId(model, new EmbeddingOptions().Precision)}); {passages} passages embedded at {perSecond:F1} passages/s (real text, catalog writes included). Scored on the top {K} documents: MRR@10, recall@10 (share of a query's relevant files in the top 10) and nDCG@10; \"first\" counts queries whose first result answers them, \"found\" those with an answer anywhere in the top 10.")).AppendLine();
        b.AppendLine("Keyword mode is what users get today without a model: every word must occur, so a description in other words than the manual's finds little. This is the set that separates the modes (and would separate models: rerun with `--model ArcticXs`).").AppendLine();
        b.AppendLine("| mode | MRR@10 | recall@10 | nDCG@10 | first | found |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            b.AppendLine(row);
        }

        b.AppendLine().AppendLine("Per query, the rank of the first answering manual (- when none is in the top 10):").AppendLine();
        b.AppendLine("| query | keyword | semantic | hybrid |").AppendLine("|---|---:|---:|---:|");
        for (var i = 0; i < judgements.Count; i++)
        {
            string Rank(SearchMode mode) => perQueryRanks[mode][i] > 0 ? perQueryRanks[mode][i].ToString(invariant) : "-";
            b.AppendLine($"| {judgements[i].Query} | {Rank(SearchMode.Keyword)} | {Rank(SearchMode.Semantic)} | {Rank(SearchMode.Hybrid)} |");
        }

        return b.ToString();
    }

    /// <summary>Puts <paramref name="section"/> in place of the report's section of the same heading, or at its end.</summary>
    public static string Splice(string report, string section) => ReportSection.Splice(report, Heading, section);

    /// <summary>The section of an existing report, to keep it when the rest is written again; null when there is none.</summary>
    public static string? Extract(string report)
    {
        var start = report.IndexOf(Heading, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var next = report.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
        return next < 0 ? report[start..] : report[start..(next + 1)];
    }
}
