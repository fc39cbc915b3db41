using System.Globalization;
using System.Text;

namespace Aithena.Catalog;

/// <summary>
/// Chinese, Japanese and Korean text is written without spaces between words, so a word tokenizer (FTS5's
/// <c>unicode61</c>, PostgreSQL's default parser) keeps a whole run of such characters as one token and no word
/// inside it is found. Both engines therefore also index each page's CJK runs as overlapping character bigrams
/// ("東京都" as "東京 京都 都"), the classic CJK indexing of Lucene's CJKAnalyzer, and a query's CJK text becomes the
/// phrase of its bigrams: a word of any length is found wherever it stands. The last character of a run is also
/// indexed alone, so that a one-character query (a prefix of the bigrams) finds every character.
/// </summary>
public static class CjkText
{
    /// <summary>The bigrams of every CJK run of the text, space-separated, or null when the text has none.</summary>
    public static string? Bigrams(string text)
    {
        StringBuilder? builder = null;
        foreach (var run in Runs(text))
        {
            builder ??= new StringBuilder();
            foreach (var gram in RunBigrams(run, withLast: true))
            {
                builder.Append(gram).Append(' ');
            }
        }

        return builder?.ToString().TrimEnd();
    }

    /// <summary>A query term split into its non-CJK text (CJK characters replaced by spaces) and the bigrams of its CJK runs.</summary>
    public static (string Others, IReadOnlyList<string> Bigrams) SplitQueryTerm(string term)
    {
        if (!term.EnumerateRunes().Any(IsCjk))
        {
            return (term, []);
        }

        var rest = new StringBuilder();
        foreach (var rune in term.EnumerateRunes())
        {
            rest.Append(IsCjk(rune) ? " " : rune.ToString());
        }

        var bigrams = Runs(term).SelectMany(run => RunBigrams(run, withLast: false)).ToList();
        return (rest.ToString().Trim(), bigrams);
    }

    public static bool IsCjk(Rune rune)
    {
        var v = rune.Value;
        return v is >= 0x3040 and <= 0x30FF        // Hiragana, Katakana
            or >= 0x3400 and <= 0x4DBF             // CJK Extension A
            or >= 0x4E00 and <= 0x9FFF             // CJK Unified Ideographs
            or >= 0xAC00 and <= 0xD7AF             // Hangul syllables
            or >= 0x1100 and <= 0x11FF             // Hangul Jamo
            or >= 0x3130 and <= 0x318F             // Hangul compatibility Jamo
            or >= 0xF900 and <= 0xFAFF             // CJK compatibility ideographs
            or >= 0x31F0 and <= 0x31FF             // Katakana phonetic extensions
            or >= 0xFF66 and <= 0xFF9F             // Half-width Katakana
            or >= 0x20000 and <= 0x3134F;          // Extensions B-G
    }

    private static IEnumerable<List<string>> Runs(string text)
    {
        var run = new List<string>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune) && Rune.GetUnicodeCategory(rune) != UnicodeCategory.OtherPunctuation)
            {
                run.Add(rune.ToString());
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static IEnumerable<string> RunBigrams(List<string> run, bool withLast)
    {
        if (run.Count == 1)
        {
            yield return run[0];
            yield break;
        }

        for (var i = 0; i + 1 < run.Count; i++)
        {
            yield return run[i] + run[i + 1];
        }

        if (withLast)
        {
            yield return run[^1];
        }
    }
}
