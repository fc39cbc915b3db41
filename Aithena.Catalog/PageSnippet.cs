using System.Globalization;
using System.Text;

namespace Aithena.Catalog;

/// <summary>
/// A snippet of a page around the words of a query, made from the page's own text, the same for both engines. FTS5's
/// <c>snippet()</c> ordered by <c>bm25()</c> re-counted each query term over the whole library for every returned document
/// (measured: 20 ms of a 58 ms search at 100,000 pages, growing with the library), and PostgreSQL's <c>ts_headline</c>
/// re-parses each page; here a snippet costs reading the few pages shown and one pass over their text.
/// </summary>
/// <remarks>
/// Words are found as the engines find them: runs of letters and digits, compared in lower case without diacritics
/// (FTS5's <c>unicode61 remove_diacritics 2</c>, PostgreSQL's <c>unaccent</c>), a <c>prefix*</c> as a prefix of the last
/// word, a phrase as consecutive words. Chinese, Japanese and Korean characters are words of one character each, so a
/// CJK word of the query is found as the phrase of its characters, as the engines find it through its bigrams.
/// </remarks>
internal static class PageSnippet
{
    /// <summary>How many words a snippet shows (FTS5's snippet showed 16, PostgreSQL's headline up to 24).</summary>
    public const int Words = 20;

    /// <summary>Words shown before the first match of the window, so the match is read in its sentence.</summary>
    private const int Lead = 4;

    /// <summary>
    /// The snippet of <paramref name="text"/> for <paramref name="query"/>, its matches between
    /// <see cref="CatalogSearch.MarkStart"/> and <see cref="CatalogSearch.MarkEnd"/> (not yet HTML-encoded): the window of
    /// <see cref="Words"/> words that holds the most different query terms, then the most matches. A page the engine
    /// matched where no word is found here (a tokenizer's corner case) shows its beginning, unmarked.
    /// </summary>
    public static string Make(string text, SearchQuery query)
    {
        var words = Tokenize(text);
        if (words.Count == 0)
        {
            return "";
        }

        var patterns = query.Wanted.Select(c => PatternOf(c.Term)).Where(p => p.Words.Length > 0).ToList();
        var matches = Find(words, patterns);
        var (first, last) = Window(words.Count, matches);
        var builder = new StringBuilder(text.Length < 4096 ? text.Length + 16 : 256);
        if (first > 0)
        {
            builder.Append('…');
        }

        // The page's own first and last characters (a quote, a bracket) when the window reaches them.
        var position = first == 0 ? 0 : words[first].Start;
        var end = last == words.Count - 1 ? text.Length : words[last].End;
        foreach (var match in matches.Where(m => m.First >= first && m.Last <= last))
        {
            builder.Append(text, position, words[match.First].Start - position)
                .Append(CatalogSearch.MarkStart)
                .Append(text, words[match.First].Start, words[match.Last].End - words[match.First].Start)
                .Append(CatalogSearch.MarkEnd);
            position = words[match.Last].End;
        }

        builder.Append(text, position, end - position);
        if (last < words.Count - 1)
        {
            builder.Append('…');
        }

        return builder.ToString().Trim();
    }

    private readonly record struct Word(int Start, int End, string Folded);

    private readonly record struct Match(int First, int Last, int Pattern);

    private sealed record Pattern(string[] Words, bool Prefix);

    private static Pattern PatternOf(SearchQuery.Term term) =>
        new(Tokenize(term.Text).Select(w => w.Folded).ToArray(), term.Prefix);

    /// <summary>Non-overlapping matches in text order; where two patterns start at one word, the longer wins.</summary>
    private static List<Match> Find(List<Word> words, List<Pattern> patterns)
    {
        var matches = new List<Match>();
        for (var i = 0; i < words.Count; i++)
        {
            Match? best = null;
            for (var p = 0; p < patterns.Count; p++)
            {
                if (Matches(words, i, patterns[p]) && (best is null || patterns[p].Words.Length > best.Value.Last - best.Value.First + 1))
                {
                    best = new Match(i, i + patterns[p].Words.Length - 1, p);
                }
            }

            if (best is { } found)
            {
                matches.Add(found);
                i = found.Last;
            }
        }

        return matches;
    }

    private static bool Matches(List<Word> words, int at, Pattern pattern)
    {
        if (at + pattern.Words.Length > words.Count)
        {
            return false;
        }

        for (var k = 0; k < pattern.Words.Length; k++)
        {
            var word = words[at + k].Folded;
            var wanted = pattern.Words[k];
            var isLast = k == pattern.Words.Length - 1;
            if (!(isLast && pattern.Prefix ? word.StartsWith(wanted, StringComparison.Ordinal) : word == wanted))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first and last word shown: the window with the most different patterns, then the most matches.</summary>
    private static (int First, int Last) Window(int wordCount, List<Match> matches)
    {
        var start = 0;
        var best = (Distinct: 0, Count: 0);
        for (var m = 0; m < matches.Count; m++)
        {
            var candidate = Math.Max(0, matches[m].First - Lead);
            var inside = matches.Skip(m).TakeWhile(x => x.Last < candidate + Words).ToList();
            var score = (Distinct: inside.Select(x => x.Pattern).Distinct().Count(), Count: inside.Count);
            if (score.Distinct > best.Distinct || (score.Distinct == best.Distinct && score.Count > best.Count))
            {
                best = score;
                start = candidate;
            }
        }

        // Near the end of the page, the window slides back so it still shows as many words.
        start = Math.Max(0, Math.Min(start, wordCount - Words));
        return (start, Math.Min(wordCount, start + Words) - 1);
    }

    /// <summary>Runs of letters and digits (with their combining marks), and each CJK character on its own.</summary>
    private static List<Word> Tokenize(string text)
    {
        var words = new List<Word>();
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            var rune = Rune.GetRuneAt(text, i);
            var isCjk = CjkText.IsCjk(rune);
            var inWord = !isCjk && (Rune.IsLetterOrDigit(rune) || (start >= 0 && IsMark(rune)));
            if (!inWord && start >= 0)
            {
                words.Add(new Word(start, i, Fold(text.AsSpan(start, i - start))));
                start = -1;
            }

            if (isCjk)
            {
                words.Add(new Word(i, i + rune.Utf16SequenceLength, rune.ToString()));
            }
            else if (inWord && start < 0)
            {
                start = i;
            }

            i += rune.Utf16SequenceLength;
        }

        if (start >= 0)
        {
            words.Add(new Word(start, text.Length, Fold(text.AsSpan(start))));
        }

        return words;
    }

    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>Lower case without diacritics: "Élan" and "elan" are one word, as in both engines' indexes.</summary>
    private static string Fold(ReadOnlySpan<char> word)
    {
        if (System.Text.Ascii.IsValid(word))
        {
            return word.ToString().ToLowerInvariant();
        }

        var decomposed = word.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
