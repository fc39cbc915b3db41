using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Microsoft.Extensions.Options;

namespace Aithena.SemanticBench;

/// <summary>
/// What the splitter feeds the model, before issue 22 (<see cref="LegacyPassageSplitter"/>: whole sentences, each
/// passage starting with up to 30, 15 or 0 words of the one before) and now (<see cref="PassageSplitter"/>: no overlap
/// at sentence ends, a cap in word pieces): passages and word pieces per 100 pages of every PDF of the corpus
/// (<c>scripts/corpus.sh</c>, all pages as pdftotext reads them), passages over MiniLM's 256-piece window, and short
/// passages a page ends with. Then the encode time of the same pages' passages with MiniLM, before and now, alternating.
/// </summary>
public static class PassageStatistics
{
    public const string Heading = "## Passages: before and after";
    private const int Window = PassageSplitter.DefaultMaxWordPieces;
    private const int PackageLimit = 512; // the package's tokenizer cuts every text there
    private const int ShortWords = 20;
    private const int EncodePages = 60;
    private const int Rounds = 5;

    public static async Task<string> RunAsync(string corpus, string command)
    {
        var invariant = CultureInfo.InvariantCulture;
        var manifest = File.ReadLines(Path.Combine(corpus, "manifest.tsv")).Select(l => l.Split('\t')).ToList();
        var byPackage = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var fields in manifest)
        {
            var pages = await PdfText.PagesAsync(Path.Combine(corpus, "pdf", fields[0]));
            (byPackage.TryGetValue(fields[2], out var list) ? list : byPackage[fields[2]] = []).AddRange(pages);
        }

        var counter = WordPieceCounter.MiniLM;
        var variants = new (string Name, Func<IReadOnlyList<string>, IReadOnlyList<Passage>> Split)[]
        {
            ("before: overlap 30 words", new LegacyPassageSplitter(overlapWords: 30).Split),
            ("before: overlap 15 words", new LegacyPassageSplitter(overlapWords: 15).Split),
            ("before: overlap 0", new LegacyPassageSplitter(overlapWords: 0).Split),
            ("now (default: no overlap)", new PassageSplitter().Split),
            ("now, long sentences' pieces overlap by up to 15 words", new PassageSplitter(overlapWords: 15).Split),
        };

        var b = new StringBuilder();
        b.AppendLine(Heading).AppendLine();
        b.AppendLine(string.Create(invariant,
            $"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC ({Environment.ProcessorCount} cores, load average {Machine.LoadAverage()}). Do not edit by hand: rerun the command.")).AppendLine();
        b.AppendLine(string.Create(invariant,
            $"Every PDF of the corpus (`scripts/corpus.sh`: {manifest.Count} manuals from Debian's texlive documentation packages, all pages as `pdftotext` reads them), cut by the splitter before issue 22 (whole sentences up to 120 words / 900 characters, each passage starting with up to 30, 15 or 0 words of the one before) and now (no overlap, or up to 15 words where a sentence longer than a passage is cut; at most {Window} word pieces with [CLS] and [SEP]). Word pieces are counted by MiniLM's own tokenizer, [CLS] and [SEP] included, as many as the model reads (the package cuts every text at {PackageLimit}). MiniLM's window is {Window} (sentence-transformers cuts there; it was tuned on 128): \"over {Window}\" are passages the model read past its window, \"over {PackageLimit}\" those whose end was cut without a word and never searchable, \"pieces cut\" what lay beyond. \"Short ends\": passages of under {ShortWords} words that end a page of several passages.")).AppendLine();
        b.AppendLine($"| text | splitter | pages | passages / 100 pages | word pieces / 100 pages | over {Window} | over {PackageLimit} | pieces cut | short ends |").AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (package, pages) in byPackage)
        {
            foreach (var (name, split) in variants)
            {
                var passages = split(pages);
                var whole = passages.Select(p => counter.Count(p.Text) + 2).ToList();
                var pieces = whole.Select(c => Math.Min(c, PackageLimit)).ToList();
                var shortEnds = passages.GroupBy(p => p.Page).Where(g => g.Count() > 1).Count(g => g.Last().Text.Split(' ').Length < ShortWords);
                var per100 = 100.0 / pages.Count;
                b.AppendLine(string.Create(invariant,
                    $"| {package} | {name} | {pages.Count} | {passages.Count * per100:F0} | {pieces.Sum() * per100:F0} | {whole.Count(c => c > Window)} | {whole.Count(c => c > PackageLimit)} | {whole.Where(c => c > PackageLimit).Sum(c => c - PackageLimit)} | {shortEnds} |"));
                Console.Error.WriteLine($"passages: {package} {name}: {passages.Count} passages, {pieces.Sum()} pieces");
            }
        }

        b.AppendLine().AppendLine(await EncodeTimeAsync(byPackage["texlive-latex-recommended-doc"])).AppendLine();
        return b.ToString();
    }

    /// <summary>MiniLM's encode time for the passages of the same English pages, cut before and now, in alternating rounds.</summary>
    private static async Task<string> EncodeTimeAsync(List<string> englishPages)
    {
        var invariant = CultureInfo.InvariantCulture;
        // Pages with text spread over the manuals, the same ones every run.
        var withText = englishPages.Where(p => p.Trim().Length > 200).ToList();
        var pages = Enumerable.Range(0, EncodePages).Select(i => withText[i * withText.Count / EncodePages]).ToList();
        var splitClock = Stopwatch.StartNew();
        var before = new LegacyPassageSplitter().Split(pages).Select(p => p.Text).ToList();
        var splitBefore = splitClock.Elapsed.TotalSeconds;
        splitClock.Restart();
        var now = new PassageSplitter().Split(pages).Select(p => p.Text).ToList();
        var splitNow = splitClock.Elapsed.TotalSeconds; // the tokenizer counting word pieces included
        var withOverlap = new PassageSplitter(overlapWords: 15).Split(pages).Select(p => p.Text).ToList();
        using var generator = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = EmbeddingModel.MiniLM }));
        await generator.GenerateAsync(now.Take(16)); // load and warm up
        double bestBefore = double.MaxValue, bestNow = double.MaxValue, bestWith = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            await generator.GenerateAsync(before);
            bestBefore = Math.Min(bestBefore, clock.Elapsed.TotalSeconds);
            clock.Restart();
            await generator.GenerateAsync(now);
            bestNow = Math.Min(bestNow, clock.Elapsed.TotalSeconds);
            clock.Restart();
            await generator.GenerateAsync(withOverlap);
            bestWith = Math.Min(bestWith, clock.Elapsed.TotalSeconds);
            Console.Error.WriteLine($"passages: encode round {round + 1}: before {bestBefore:F1} s, now {bestNow:F1} s, with overlap 15 {bestWith:F1} s");
        }

        int Pieces(List<string> passages) => passages.Sum(p => Math.Min(WordPieceCounter.MiniLM.Count(p) + 2, PackageLimit));
        return string.Create(invariant,
            $"Encode time, MiniLM, default configuration, {EncodePages} pages with text spread over the English manuals: before (overlap 30) {before.Count} passages ({Pieces(before)} word pieces read) in {bestBefore:F1} s, now {now.Count} passages ({Pieces(now)} word pieces) in {bestNow:F1} s: **{bestNow / bestBefore:P0} of the time**; now with long sentences' pieces overlapping by up to 15 words {withOverlap.Count} passages ({Pieces(withOverlap)} word pieces) in {bestWith:F1} s ({bestWith / bestBefore:P0}) (best of {Rounds} alternating rounds; one process, so compare the two, not runs). Cutting the same pages took {splitBefore * 1000:F0} ms before and {splitNow * 1000:F0} ms now, counting word pieces with the model's tokenizer included: {splitNow / bestNow:P1} of the encode time, so the count is exact rather than estimated.");
    }

    /// <summary>Puts <paramref name="section"/> in place of the report's section of the same heading, or at its end.</summary>
    public static string Splice(string report, string section) => ReportSection.Splice(report, Heading, section);
}
