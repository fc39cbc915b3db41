using Aithena.Semantic.Passages;

namespace Aithena.Tests.Semantic;

public sealed class PassageSplitterTests
{
    [Fact]
    public void Passages_end_at_sentence_boundaries_keep_their_page_and_overlap_by_whole_sentences()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("word", 9)) + ".";  // 10 words
        var page2 = string.Join(' ', Enumerable.Range(1, 5).Select(i => $"Sentence {i} " + sentence));
        var passages = new PassageSplitter(maxWords: 25, overlapWords: 12).Split(["A short first page.", page2]);

        Assert.Equal(new Passage(1, 0, "A short first page."), passages[0]);
        var second = passages.Skip(1).ToList();
        Assert.All(second, p => Assert.Equal(2, p.Page));
        Assert.All(second, p => Assert.EndsWith(".", p.Text, StringComparison.Ordinal));
        Assert.All(second, p => Assert.True(p.Text.Split(' ').Length <= 25));
        // Each passage after the first on a page starts with the last sentence of the one before.
        for (var i = 1; i < second.Count; i++)
        {
            var lastOfPrevious = second[i - 1].Text[(second[i - 1].Text.LastIndexOf("Sentence", StringComparison.Ordinal))..];
            Assert.StartsWith(lastOfPrevious, second[i].Text, StringComparison.Ordinal);
        }

        Assert.Equal(Enumerable.Range(0, passages.Count), passages.Select(p => p.Ordinal));
        Assert.All(Enumerable.Range(1, 5), i => Assert.Contains(second, p => p.Text.Contains($"Sentence {i} ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_sentence_longer_than_a_passage_and_text_without_spaces_are_cut_to_fit()
    {
        var splitter = new PassageSplitter(maxWords: 10, overlapWords: 3, maxChars: 50);
        var passages = splitter.Split([string.Join(' ', Enumerable.Repeat("run", 35)), new string('字', 120)]);

        Assert.All(passages, p => Assert.True(p.Text.Split(' ').Length <= 10 && p.Text.Length <= 50, p.Text));
        Assert.Equal(35, passages.Where(p => p.Page == 1).Sum(p => p.Text.Split(' ').Length));
        Assert.Equal(120, passages.Where(p => p.Page == 2).Sum(p => p.Text.Length));
    }

    [Fact]
    public void Empty_pages_give_no_passages()
    {
        Assert.Empty(new PassageSplitter().Split(["", "   \n  "]));
    }
}
