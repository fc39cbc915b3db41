using System.Text.RegularExpressions;
using Aithena.Semantic.Passages;

namespace Aithena.SemanticBench;

/// <summary>
/// The splitter before issue 22, kept only for the before-and-after of <see cref="PassageStatistics"/>.
/// Cuts each page's text into passages at sentence boundaries: as many whole sentences as fit in
/// <see cref="MaxWords"/> words (and <see cref="MaxChars"/> characters, for scripts without spaces), each passage
/// starting with the last sentences of the one before (up to <see cref="OverlapWords"/> words) so that a thought cut
/// in two is whole in one of them. A passage never spans two pages, so every hit knows its page. 120 words is about
/// 160 word pieces for English, under MiniLM's 256-token window: nothing the model reads is truncated away.
/// </summary>
public sealed partial class LegacyPassageSplitter(int maxWords = 120, int overlapWords = 30, int maxChars = 900)
{
    public int MaxWords { get; } = maxWords;
    public int OverlapWords { get; } = overlapWords;
    public int MaxChars { get; } = maxChars;

    public IReadOnlyList<Passage> Split(IReadOnlyList<string> pages)
    {
        var passages = new List<Passage>();
        for (var i = 0; i < pages.Count; i++)
        {
            foreach (var text in SplitPage(pages[i]))
            {
                passages.Add(new Passage(i + 1, passages.Count, text));
            }
        }

        return passages;
    }

    public IEnumerable<string> SplitPage(string page)
    {
        var sentences = Sentences(page).SelectMany(Fit).ToList();
        var current = new List<string>();
        int words = 0, chars = 0;
        var emittedUpTo = 0; // sentences before this index are already in an emitted passage
        for (var i = 0; i < sentences.Count; i++)
        {
            var (w, c) = (WordCount(sentences[i]), sentences[i].Length + 1);
            if (current.Count > 0 && (words + w > MaxWords || chars + c > MaxChars))
            {
                yield return string.Join(' ', current);
                emittedUpTo = i;
                // Carry the tail of this passage into the next one.
                var carried = new List<string>();
                int carriedWords = 0, carriedChars = 0;
                for (var j = current.Count - 1; j >= 0; j--)
                {
                    var (cw, cc) = (WordCount(current[j]), current[j].Length + 1);
                    if (carriedWords + cw > OverlapWords || carriedWords + cw + w > MaxWords || carriedChars + cc + c > MaxChars)
                    {
                        break;
                    }

                    carried.Insert(0, current[j]);
                    carriedWords += cw;
                    carriedChars += cc;
                }

                (current, words, chars) = (carried, carriedWords, carriedChars);
            }

            current.Add(sentences[i]);
            words += w;
            chars += c;
        }

        if (current.Count > 0 && emittedUpTo < sentences.Count)
        {
            yield return string.Join(' ', current);
        }
    }

    private static IEnumerable<string> Sentences(string page)
    {
        var text = Whitespace().Replace(page, " ").Trim();
        return text.Length == 0 ? [] : SentenceEnd().Split(text).Where(s => s.Length > 0);
    }

    /// <summary>A sentence longer than a passage is cut into pieces that fit, at word boundaries where there are any.</summary>
    private IEnumerable<string> Fit(string sentence)
    {
        if (WordCount(sentence) <= MaxWords && sentence.Length <= MaxChars)
        {
            yield return sentence;
            yield break;
        }

        var piece = new List<string>();
        var length = 0;
        foreach (var word in sentence.Split(' '))
        {
            for (var start = 0; start < word.Length; start += MaxChars)
            {
                var part = word.Substring(start, Math.Min(MaxChars, word.Length - start));
                if (piece.Count > 0 && (piece.Count + 1 > MaxWords || length + part.Length + 1 > MaxChars))
                {
                    yield return string.Join(' ', piece);
                    piece.Clear();
                    length = 0;
                }

                piece.Add(part);
                length += part.Length + 1;
            }
        }

        if (piece.Count > 0)
        {
            yield return string.Join(' ', piece);
        }
    }

    private static int WordCount(string text) => text.Count(c => c == ' ') + 1;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // After ., !, ?, … or a CJK full stop, followed by a space (or, for CJK, by anything).
    [GeneratedRegex(@"(?<=[.!?…])\s+|(?<=[。！？])\s*")]
    private static partial Regex SentenceEnd();
}
