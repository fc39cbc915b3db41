using Aithena.Indexer.Indexing;

namespace Aithena.Tests.Unit;

/// <summary>Right-to-left text comes out of PdfPig in the order it stands on the page; the index needs reading order.</summary>
public sealed class RightToLeftTextTests
{
    [Theory]
    [InlineData("plain text, 12 pages", "plain text, 12 pages")]
    [InlineData("Title \u0645\u0627\u0644\u0633 end", "Title \u0633\u0644\u0627\u0645 end")] // one Arabic word among Latin
    [InlineData("\u0645\u0644\u0627\u0639 \u0645\u0627\u0644\u0633", "\u0633\u0644\u0627\u0645 \u0639\u0627\u0644\u0645")] // two words: their order turns too
    [InlineData("\u0650\u0645\u0633\u0650\u0628", "\u0628\u0650\u0633\u0645\u0650")] // a mark before its letter, as on the page
    [InlineData("\u0629\u062D\u0641\u0635 \u0661\u0662 \u0645\u0642\u0631", "\u0631\u0642\u0645 \u0661\u0662 \u0635\u0641\u062D\u0629")] // digits keep their order
    [InlineData("\u05DD\u05D5\u05DC\u05E9\nnext line", "\u05E9\u05DC\u05D5\u05DD\nnext line")] // Hebrew, line by line
    public void Right_to_left_runs_are_put_back_in_reading_order(string onThePage, string reading) =>
        Assert.Equal(reading, RightToLeftText.ToLogicalOrder(onThePage));
}
