using System.Globalization;
using System.Text;

namespace Aithena.Catalog;

/// <summary>
/// Names as people see them (titles, download names), shared by uploads and library files: without the invisible
/// characters a file name can carry. A right-to-left override (U+202E) makes "report‮fdp.exe" look like
/// "reportexe.pdf"; control, format and unassigned characters have no place in a title either. The file's path is
/// left as it is: it is what opens the file.
/// </summary>
public static class DisplayName
{
    /// <summary>Control, format (bidi overrides and marks, zero-width characters), surrogate, private-use, unassigned, line and paragraph separators.</summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator;

    /// <summary>The text without its invisible characters (white space kept: it separates words).</summary>
    public static string Strip(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || !IsInvisible(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.Length == text.Length ? text : builder.ToString();
    }

    /// <summary>The file name of a library path, as titles and downloads show it.</summary>
    public static string OfPath(string path) => Strip(Path.GetFileName(path));
}
