using System.Text.RegularExpressions;

namespace Aithena.Semantic.Passages;

/// <summary>
/// Cuts each page's text into passages the embedding model reads whole: as many whole sentences as fit in
/// <see cref="MaxWords"/> words, <see cref="MaxChars"/> characters (scripts without spaces) and
/// <see cref="MaxWordPieces"/> word pieces, [CLS] and [SEP] included, counted by the model's own tokenizer. 256 is
/// MiniLM's window (sentence-transformers cuts there); the package reads on to 512 pieces and silently drops the rest,
/// and almost a quarter of the manuals' passages used to run past 256. Passages meet at sentence ends without repeating any:
/// carrying up to 30 words of one passage into the next cost 12-19 % more word pieces, and without it (and within the
/// window) the evaluations scored better, not worse (docs/PASSAGES.md). Only a sentence longer than a passage is cut
/// inside, at word boundaries; its pieces can overlap by <see cref="OverlapWords"/> words (none by default: the
/// evaluations scored the same with 15, for 2.5 % more word pieces). A passage never spans two pages, so every hit
/// knows its page; a page's last passage too short to say much joins the one before when the window allows.
/// </summary>
public sealed partial class PassageSplitter
{
    public const int DefaultMaxWords = 120;
    public const int DefaultOverlapWords = 0;
    public const int DefaultMaxChars = 900;
    public const int DefaultMaxWordPieces = 256;

    /// <summary>[CLS] and [SEP], which the tokenizer adds to every text.</summary>
    private const int SpecialPieces = 2;

    private readonly Func<string, int> _countWordPieces;

    /// <param name="countWordPieces">Word pieces of a text without [CLS] and [SEP]; the model's tokenizer by default.</param>
    public PassageSplitter(int maxWords = DefaultMaxWords, int overlapWords = DefaultOverlapWords, int maxChars = DefaultMaxChars,
        int maxWordPieces = DefaultMaxWordPieces, Func<string, int>? countWordPieces = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapWords);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(overlapWords, maxWords);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWordPieces, SpecialPieces + 1);
        (MaxWords, OverlapWords, MaxChars, MaxWordPieces) = (maxWords, overlapWords, maxChars, maxWordPieces);
        _countWordPieces = countWordPieces ?? WordPieceCounter.MiniLM.Count;
    }

    public int MaxWords { get; }
    public int OverlapWords { get; }
    public int MaxChars { get; }
    public int MaxWordPieces { get; }

    private int PieceBudget => MaxWordPieces - SpecialPieces;

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
        var passages = new List<Unit>();
        var current = new List<string>();
        int words = 0, chars = 0, pieces = 0;
        foreach (var unit in Sentences(page).SelectMany(Fit))
        {
            if (current.Count > 0 && (words + unit.Words > MaxWords || chars + unit.Chars > MaxChars || pieces + unit.Pieces > PieceBudget))
            {
                passages.Add(new Unit(string.Join(' ', current), words, chars, pieces));
                current.Clear();
                (words, chars, pieces) = (0, 0, 0);
            }

            current.Add(unit.Text);
            words += unit.Words;
            chars += unit.Chars;
            pieces += unit.Pieces;
        }

        if (current.Count > 0)
        {
            passages.Add(new Unit(string.Join(' ', current), words, chars, pieces));
        }

        JoinShortEnd(passages);
        return passages.Select(p => p.Text);
    }

    /// <summary>
    /// The last passage of a page holds what was left when the one before was full, often a sentence or two: under a
    /// sixth of <see cref="MaxWords"/> (20 words by default) it joins the passage before, as long as the two stay within
    /// the model's window in word pieces and within a sixth over <see cref="MaxWords"/> and <see cref="MaxChars"/>. A
    /// fragment alone ("See the next section.") gives a vector that says little and matches short queries by chance, and
    /// it costs a passage of its own: about one passage in twenty of the English manuals (docs/PASSAGES.md, "short ends").
    /// </summary>
    private void JoinShortEnd(List<Unit> passages)
    {
        if (passages.Count < 2)
        {
            return;
        }

        var (before, last) = (passages[^2], passages[^1]);
        var slack = MaxWords / 6;
        if (last.Words < slack && before.Words + last.Words <= MaxWords + slack && before.Chars + last.Chars <= MaxChars + MaxChars / 6
            && before.Pieces + last.Pieces <= PieceBudget)
        {
            passages[^2] = new Unit(before.Text + " " + last.Text, before.Words + last.Words, before.Chars + last.Chars, before.Pieces + last.Pieces);
            passages.RemoveAt(passages.Count - 1);
        }
    }

    private static IEnumerable<string> Sentences(string page)
    {
        var text = Whitespace().Replace(page, " ").Trim();
        return text.Length == 0 ? [] : SentenceEnd().Split(text).Where(s => s.Length > 0);
    }

    /// <summary>
    /// A sentence that fits a passage stays whole; a longer one is cut at word boundaries into pieces that fit, each
    /// starting with the last words of the one before (at most <see cref="OverlapWords"/> words and twice as many word
    /// pieces), and a word longer than a passage (scripts without spaces) is cut between characters, without overlap.
    /// </summary>
    private IEnumerable<Unit> Fit(string sentence)
    {
        var whole = new Unit(sentence, WordCount(sentence), sentence.Length + 1, _countWordPieces(sentence));
        if (whole.Words <= MaxWords && whole.Chars <= MaxChars && whole.Pieces <= PieceBudget)
        {
            yield return whole;
            yield break;
        }

        // A word piece covers at least one character, so a part of PieceBudget characters is never over the window.
        var partLength = Math.Min(MaxChars - 1, PieceBudget);
        var parts = new List<Unit>();
        foreach (var word in sentence.Split(' '))
        {
            var wordPieces = _countWordPieces(word);
            if (word.Length + 1 <= MaxChars && wordPieces <= PieceBudget)
            {
                parts.Add(new Unit(word, 1, word.Length + 1, wordPieces));
                continue;
            }

            for (var start = 0; start < word.Length; start += partLength)
            {
                var part = word.Substring(start, Math.Min(partLength, word.Length - start));
                parts.Add(new Unit(part, 1, part.Length + 1, _countWordPieces(part), Whole: false));
            }
        }

        var first = 0;
        while (first < parts.Count)
        {
            var end = first;
            int words = 0, chars = 0, pieces = 0;
            while (end < parts.Count && (end == first || (words + 1 <= MaxWords && chars + parts[end].Chars <= MaxChars && pieces + parts[end].Pieces <= PieceBudget)))
            {
                (words, chars, pieces) = (words + 1, chars + parts[end].Chars, pieces + parts[end].Pieces);
                end++;
            }

            yield return new Unit(string.Join(' ', parts[first..end].Select(p => p.Text)), words, chars, pieces);
            if (end == parts.Count)
            {
                yield break;
            }

            // The next piece starts with this one's tail: whole words only, at most OverlapWords of them and twice as
            // many word pieces (text the tokenizer cuts small, such as code or Cyrillic, would otherwise repeat a
            // third of a passage), as long as the tail and the next word still fit together.
            var next = end;
            int tailWords = 0, tailChars = parts[end].Chars, tailPieces = 0;
            while (next - 1 > first && parts[next - 1].Whole && tailWords + 1 <= OverlapWords && tailWords + 2 <= MaxWords
                   && tailPieces + parts[next - 1].Pieces <= 2 * OverlapWords
                   && tailChars + parts[next - 1].Chars <= MaxChars && tailPieces + parts[next - 1].Pieces + parts[end].Pieces <= PieceBudget)
            {
                next--;
                (tailWords, tailChars, tailPieces) = (tailWords + 1, tailChars + parts[next].Chars, tailPieces + parts[next].Pieces);
            }

            first = next;
        }
    }

    private static int WordCount(string text) => text.Count(c => c == ' ') + 1;

    /// <summary>
    /// A sentence, a piece of one or a word, with its size in words, characters (a space after it) and word pieces; not
    /// <paramref name="Whole"/> when it is part of a word cut between characters.
    /// </summary>
    private readonly record struct Unit(string Text, int Words, int Chars, int Pieces, bool Whole = true);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // After ., !, ?, … or a CJK full stop, followed by a space (or, for CJK, by anything).
    [GeneratedRegex(@"(?<=[.!?…])\s+|(?<=[。！？])\s*")]
    private static partial Regex SentenceEnd();
}
