using System.Text;
using UglyToad.PdfPig.Core;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Joins glyphs into text in the order the content stream shows them, with the rules of PdfPig's
/// <c>ContentOrderTextExtractor</c> (which the Indexer used before, on PdfPig's full letters): a baseline that moves by
/// more than 0.9 of the smaller point size starts a new line; on one line, a gap wider than about a fifth of the
/// previous glyph's point size is a space; the PDF's own spaces are kept, but never two in a row and never before a line break.
/// </summary>
internal static class ContentOrderText
{
    public static string Join(IReadOnlyList<PlacedGlyph> glyphs)
    {
        var text = new StringBuilder(glyphs.Count + glyphs.Count / 8);
        PlacedGlyph? previous = null;
        PlacedGlyph? previousVisible = null; // the last glyph that was not white space
        var justAddedSpace = false;
        foreach (var glyph in glyphs)
        {
            if (string.IsNullOrEmpty(glyph.Value))
            {
                continue;
            }

            if (glyph.Value == " " && !justAddedSpace)
            {
                if (previous is { } before && StartsNewLine(before, glyph))
                {
                    continue;
                }

                text.Append(' ');
                previous = glyph;
                justAddedSpace = true;
                continue;
            }

            justAddedSpace = false;
            if (previous is { } last && glyph.Value != " ")
            {
                if (previousVisible is { } visible && StartsNewLine(visible, glyph))
                {
                    if (last.Value == " ")
                    {
                        text.Length--;
                    }

                    text.Append('\n');
                    justAddedSpace = true;
                }
                else if (last.Value != " " && IsProbablySpace(glyph.Start.X - last.End.X, last.PointSize))
                {
                    text.Append(' ');
                    justAddedSpace = true;
                }
            }

            text.Append(glyph.Value);
            previous = glyph;
            if (!string.IsNullOrWhiteSpace(glyph.Value))
            {
                previousVisible = glyph;
            }
        }

        return text.ToString();
    }

    /// <summary>Wider than a space is expected to be (0.27 of the point size), less a margin of 0.05.</summary>
    private static bool IsProbablySpace(double gap, double pointSize) => gap > (pointSize * 0.27) - (pointSize * 0.05);

    private static bool StartsNewLine(PlacedGlyph previous, PlacedGlyph glyph)
    {
        var smaller = Math.Min((int)Math.Round(previous.PointSize), (int)Math.Round(glyph.PointSize));
        return Math.Abs(previous.Start.Y - glyph.Start.Y) > smaller * 0.9;
    }
}
