using Aithena.Semantic.Passages;

namespace Aithena.Tests.Semantic;

public sealed class PassageSplitterTests
{
    private static int Words(string text) => text.Split(' ').Length;

    private static int WordPieces(string text) => WordPieceCounter.MiniLM.Count(text) + 2; // with [CLS] and [SEP]

    [Fact]
    public void Passages_end_at_sentence_boundaries_keep_their_page_and_repeat_no_sentence()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("word", 9)) + ".";  // 10 words
        var page2 = string.Join(' ', Enumerable.Range(1, 5).Select(i => $"Sentence {i} " + sentence));
        var passages = new PassageSplitter(maxWords: 25, overlapWords: 12).Split(["A short first page.", page2]);

        Assert.Equal(new Passage(1, 0, "A short first page."), passages[0]);
        var second = passages.Skip(1).ToList();
        Assert.All(second, p => Assert.Equal(2, p.Page));
        Assert.All(second, p => Assert.EndsWith(".", p.Text, StringComparison.Ordinal));
        Assert.All(second, p => Assert.True(Words(p.Text) <= 25));
        // Every sentence is in exactly one passage, in order: the page's text read once.
        Assert.Equal(page2, string.Join(' ', second.Select(p => p.Text)));
        Assert.Equal(3, second.Count);
        Assert.Equal(Enumerable.Range(0, passages.Count), passages.Select(p => p.Ordinal));
    }

    [Fact]
    public void A_sentence_longer_than_a_passage_is_cut_into_pieces_that_overlap_by_the_overlap_words()
    {
        var sentence = string.Join(' ', Enumerable.Range(1, 50).Select(i => $"w{i}"));  // no sentence end anywhere
        var passages = new PassageSplitter(maxWords: 20, overlapWords: 5).Split([sentence + ". Then a short sentence."]);

        Assert.All(passages, p => Assert.True(Words(p.Text) <= 20, p.Text));
        for (var i = 1; i < passages.Count - 1; i++)
        {
            var previous = passages[i - 1].Text.Split(' ');
            Assert.StartsWith(string.Join(' ', previous[^5..]), passages[i].Text, StringComparison.Ordinal);
        }

        // Nothing lost: every word is in a passage, and the sentence after the long one is read once, without overlap.
        Assert.All(Enumerable.Range(1, 50), i => Assert.Contains(passages, p => p.Text.Split(' ').Contains($"w{i}") || p.Text.Split(' ').Contains($"w{i}.")));
        Assert.Single(passages, p => p.Text.Contains("Then a short sentence.", StringComparison.Ordinal));
    }

    [Fact]
    public void By_default_the_pieces_of_a_long_sentence_hold_each_word_once()
    {
        var sentence = string.Join(' ', Enumerable.Range(1, 50).Select(i => $"w{i}"));
        var passages = new PassageSplitter(maxWords: 20).Split([sentence]);

        Assert.Equal(sentence, string.Join(' ', passages.Select(p => p.Text)));
        Assert.Equal([20, 20, 10], passages.Select(p => Words(p.Text)));
    }

    [Fact]
    public void No_passage_is_longer_than_the_models_window_in_word_pieces()
    {
        // 120 words that MiniLM's tokenizer cuts into many pieces each: TeX commands, numbers, rare compounds.
        var heavy = string.Join(' ', Enumerable.Range(0, 240).Select(i => $"\\setlength{{\\parindent{i}}}{{{i}.5pt}}")) + ".";
        var sentences = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"Configure \\usepackage[{i}pt]{{geometry}} and \\hypersetup{{colorlinks={i}}} now."));
        var pages = new[] { heavy, sentences, new string('字', 2000) };

        var passages = new PassageSplitter().Split(pages);

        Assert.All(passages, p => Assert.True(WordPieces(p.Text) <= PassageSplitter.DefaultMaxWordPieces, $"{WordPieces(p.Text)}: {p.Text}"));
        Assert.All(passages, p => Assert.True(Words(p.Text) <= PassageSplitter.DefaultMaxWords && p.Text.Length <= PassageSplitter.DefaultMaxChars));
        // The cap costs no text: every word of the heavy page and every character of the one without spaces is kept.
        Assert.All(heavy.Split(' '), word => Assert.Contains(passages, p => p.Page == 1 && p.Text.Contains(word, StringComparison.Ordinal)));
        Assert.Equal(sentences, string.Join(' ', passages.Where(p => p.Page == 2).Select(p => p.Text)));
        Assert.Equal(2000, passages.Where(p => p.Page == 3).Sum(p => p.Text.Replace(" ", "", StringComparison.Ordinal).Length));
    }

    [Fact]
    public void A_smaller_window_gives_passages_of_at_most_that_many_word_pieces()
    {
        var page = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"The parameter number {i} configures the hyperlinks' colours."));

        var passages = new PassageSplitter(maxWordPieces: 64).Split([page]);

        Assert.All(passages, p => Assert.True(WordPieces(p.Text) <= 64, $"{WordPieces(p.Text)}: {p.Text}"));
        Assert.Equal(page, string.Join(' ', passages.Select(p => p.Text)));
    }

    [Fact]
    public void A_sentence_longer_than_a_passage_and_text_without_spaces_are_cut_to_fit()
    {
        var splitter = new PassageSplitter(maxWords: 10, overlapWords: 0, maxChars: 50);
        var passages = splitter.Split([string.Join(' ', Enumerable.Repeat("run", 35)), new string('字', 120)]);

        Assert.All(passages, p => Assert.True(Words(p.Text) <= 10 && p.Text.Length <= 50, p.Text));
        Assert.Equal(35, passages.Where(p => p.Page == 1).Sum(p => Words(p.Text)));
        Assert.Equal(120, passages.Where(p => p.Page == 2).Sum(p => p.Text.Length));
    }

    [Fact]
    public void A_passage_never_spans_two_pages()
    {
        var pages = Enumerable.Range(1, 6).Select(n => string.Join(' ', Enumerable.Range(0, n * 7).Select(i => $"Page{n} sentence {i}."))).ToList();

        var passages = new PassageSplitter(maxWords: 30).Split(pages);

        Assert.All(passages, p => Assert.All(p.Text.Split(' ').Where(w => w.StartsWith("Page", StringComparison.Ordinal)), w => Assert.Equal($"Page{p.Page}", w)));
        Assert.Equal(pages, Enumerable.Range(1, 6).Select(n => string.Join(' ', passages.Where(p => p.Page == n).Select(p => p.Text))));
    }

    [Fact]
    public void A_short_sentence_ending_a_page_joins_the_passage_before_within_the_models_window()
    {
        var full = "One two three four five six seven eight nine ten eleven. Twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo.";
        var page = full + " See below.";

        // 22 words fill a passage of 24; the 2-word sentence left over is under a sixth of 24 and joins them.
        var passages = new PassageSplitter(maxWords: 24).Split([page, "Next page."]);

        Assert.Equal([new Passage(1, 0, page), new Passage(2, 1, "Next page.")], passages);
    }

    [Fact]
    public void A_short_end_stays_apart_when_joining_would_pass_the_models_window_or_it_is_not_short()
    {
        var full = "One two three four five six seven eight nine ten eleven. Twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo.";

        // The window full to its last word piece: the two words have no room, whatever their count.
        var window = new PassageSplitter(maxWords: 24, maxWordPieces: WordPieces(full)).Split([full + " See below."]);
        // Four words are a sixth of 24: a passage of their own.
        var notShort = new PassageSplitter(maxWords: 24).Split([full + " See below for more."]);

        Assert.Equal([full, "See below."], window.Select(p => p.Text));
        Assert.Equal([full, "See below for more."], notShort.Select(p => p.Text));
    }

    [Fact]
    public void Empty_pages_give_no_passages()
    {
        Assert.Empty(new PassageSplitter().Split(["", "   \n  "]));
    }
}
