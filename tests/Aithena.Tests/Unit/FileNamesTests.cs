using System.Text;
using Aithena.Api.Upload;

namespace Aithena.Tests.Unit;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("Report.PDF", "Report.pdf")]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("/etc/cron.d/evil.pdf", "evil.pdf")]
    [InlineData("C:\\Users\\me\\Desktop\\notes.pdf", "notes.pdf")]
    [InlineData("..pdf", "document.pdf")]
    [InlineData(".hidden.pdf", "hidden.pdf")]
    [InlineData("...", "document.pdf")]
    [InlineData("", "document.pdf")]
    [InlineData("a\0b\u0001c\u001fd\u007f.pdf", "abcd.pdf")]
    [InlineData("line\nbreak\ttab.pdf", "line break tab.pdf")]
    [InlineData("what?*:<>|\".pdf", "what_______.pdf")]
    [InlineData("  spaced   out  .pdf", "spaced out.pdf")]
    [InlineData("Résumé – 東京 (2024).pdf", "Résumé – 東京 (2024).pdf")]
    public void Sanitise_keeps_letters_and_removes_everything_that_could_escape_or_hide(string original, string expected) =>
        Assert.Equal(expected, FileNames.Sanitise(original));

    [Theory]
    [InlineData("~$lock.pdf", "$lock.pdf")]
    [InlineData("~.~~x.pdf", "x.pdf")]
    [InlineData("notes.part.pdf", "notes_part.pdf")]
    [InlineData("draft.TMP.pdf", "draft_TMP.pdf")]
    [InlineData("~.part.pdf", "part.pdf")]
    [InlineData("report\u202Efdp.exe.pdf", "reportfdp.exe.pdf")]
    public void Sanitise_never_gives_a_name_the_lister_skips_nor_a_bidi_override(string original, string expected)
    {
        var name = FileNames.Sanitise(original);
        Assert.Equal(expected, name);
        Assert.False(Aithena.Catalog.TemporaryNames.IsTemporary(name));
    }

    [Fact]
    public void Sanitise_composes_decomposed_unicode()
    {
        var decomposed = "Cafe\u0301.pdf";
        Assert.Equal("Caf\u00e9.pdf", FileNames.Sanitise(decomposed));
    }

    [Fact]
    public void Sanitise_cuts_very_long_names_to_fit_the_file_system_without_splitting_a_character()
    {
        var name = FileNames.Sanitise(string.Concat(Enumerable.Repeat("東京", 300)) + ".pdf");
        Assert.True(Encoding.UTF8.GetByteCount(FileNames.WithSuffix(name, 999)) <= 255);
        Assert.EndsWith("京.pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Collisions_get_a_numbered_suffix_before_the_extension()
    {
        Assert.Equal("a.pdf", FileNames.WithSuffix("a.pdf", 0));
        Assert.Equal("a (2).pdf", FileNames.WithSuffix("a.pdf", 2));
    }
}
