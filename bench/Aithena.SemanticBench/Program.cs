using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Search;
using Aithena.SemanticBench;

// quality [--output FILE]      the evaluation of both models in every mode (scripts/search-quality.sh)
// quality --set real [--corpus DIR] [--pages N] [--model MiniLM|ArcticXs] [--output FILE]
//                               the evaluation over real manuals (scripts/search-quality.sh --set real)
// speed [--output FILE] [--sizes 100000,1000000]   the speed benchmark (scripts/bench-semantic.sh)
// speed --sections embedding [--output FILE]        embedding passages/s before and after its tuning, side by side
// speed --sections passages [--corpus DIR] [--output FILE]  passages and word pieces before and after issue 22 (docs/PASSAGES.md)
// quality ... --overlap N      passages whose long sentences' pieces overlap by N words (default PassageSplitter.DefaultOverlapWords)
var command = args.Length > 0 ? args[0] : "quality";
var output = Argument("--output");
var overlap = Argument("--overlap") is { } words ? int.Parse(words, System.Globalization.CultureInfo.InvariantCulture) : Aithena.Semantic.Passages.PassageSplitter.DefaultOverlapWords;
var splitter = new Aithena.Semantic.Passages.PassageSplitter(overlapWords: overlap);
var overlapArgument = overlap != Aithena.Semantic.Passages.PassageSplitter.DefaultOverlapWords ? $" --overlap {overlap}" : "";
switch (command)
{
    case "quality" when Argument("--set") == "real":
    {
        var path = output ?? "docs/SEARCH-QUALITY.md";
        var corpus = Argument("--corpus") ?? Environment.GetEnvironmentVariable("AITHENA_CORPUS_DIR") ?? ".aithena/corpus";
        var pages = int.Parse(Argument("--pages") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        var model = Enum.Parse<EmbeddingModel>(Argument("--model") ?? nameof(EmbeddingModel.MiniLM));
        var section = await RealDocumentsEvaluation.RunAsync(corpus, pages, model,
            "scripts/search-quality.sh --set real" + (pages != 3 ? $" --pages {pages}" : "") + (model != EmbeddingModel.MiniLM ? $" --model {model}" : "") + overlapArgument, splitter);
        await WriteAsync(path, RealDocumentsEvaluation.Splice(File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Search quality\n", section));
        return 0;
    }

    case "quality":
    {
        var chosen = new EmbeddingOptions().Model;
        var results = new List<QualityEvaluation.ModelResult>();
        foreach (var model in new[] { EmbeddingModel.MiniLM, EmbeddingModel.ArcticXs })
        {
            Console.Error.WriteLine($"quality: {model}");
            results.Add(await QualityEvaluation.RunAsync(model, splitter));
        }

        var report = QualityEvaluation.Report(results, chosen, "scripts/search-quality.sh" + overlapArgument);
        var reportPath = output ?? "docs/SEARCH-QUALITY.md";
        // The real-document section is written by its own run (--set real): keep it.
        if (File.Exists(reportPath) && RealDocumentsEvaluation.Extract(await File.ReadAllTextAsync(reportPath)) is { } real)
        {
            report = RealDocumentsEvaluation.Splice(report, real);
        }

        await WriteAsync(reportPath, report);
        var scores = results.Single(r => r.Model == chosen).Scores.ToDictionary(s => s.Mode);
        if (scores[SearchMode.Hybrid].Ndcg < scores[SearchMode.Keyword].Ndcg || scores[SearchMode.Hybrid].Recall < scores[SearchMode.Keyword].Recall)
        {
            Console.Error.WriteLine("quality: hybrid is worse than keyword on the evaluation");
            return 1;
        }

        return 0;
    }

    case "speed" when Argument("--sections") == "passages":
    {
        var path = output ?? "docs/PASSAGES.md";
        var corpus = Argument("--corpus") ?? Environment.GetEnvironmentVariable("AITHENA_CORPUS_DIR") ?? ".aithena/corpus";
        var section = await PassageStatistics.RunAsync(corpus, "scripts/bench-semantic.sh --sections passages");
        await WriteAsync(path, PassageStatistics.Splice(File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Passages\n", section));
        return 0;
    }

    case "speed" when Argument("--sections") == "embedding":
    {
        // Only the before-and-after of embedding, put into the existing report in place of its last figures.
        var path = output ?? "docs/BENCHMARKS-SEMANTIC.md";
        var section = await EmbeddingThroughput.RunAsync("scripts/bench-semantic.sh --sections embedding");
        await WriteAsync(path, EmbeddingThroughput.Splice(File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Semantic search benchmarks\n", section));
        return 0;
    }

    case "speed":
    {
        var sizes = (Argument("--sizes") ?? "100000,1000000").Split(',').Select(int.Parse).ToArray();
        var report = await SpeedBenchmark.RunAsync(sizes, "scripts/bench-semantic.sh" + (args.Contains("--sizes") ? $" --sizes {string.Join(',', sizes)}" : ""));
        report = EmbeddingThroughput.Splice(report, await EmbeddingThroughput.RunAsync("scripts/bench-semantic.sh --sections embedding"));
        await WriteAsync(output ?? "docs/BENCHMARKS-SEMANTIC.md", report);
        return 0;
    }

    case "resident":
        // A child of the embedding benchmark: one model's peak memory in a process of its own.
        Console.WriteLine(await EmbeddingThroughput.ResidentAsync(Enum.Parse<EmbeddingModel>(args[1]), Enum.Parse<EmbeddingPrecision>(args[2])));
        return 0;

    default:
        Console.Error.WriteLine($"unknown command '{command}': quality or speed");
        return 2;
}

string? Argument(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static async Task WriteAsync(string path, string text)
{
    await File.WriteAllTextAsync(path, text);
    Console.Error.WriteLine($"wrote {path}");
}
