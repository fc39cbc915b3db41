using System.Text;

namespace Aithena.Indexer.Indexing;

/// <summary>What every extractor does to a page's text before it is indexed, so that both give the catalog the same letters.</summary>
public static class SearchableText
{
    /// <summary>
    /// Text as a search needs it. Compatibility normalisation (NFKC) turns what PDFs often carry into the letters a query
    /// holds: ligatures (the "ﬁ" glyph into "fi"), Arabic presentation forms (the shaped initial, medial and final
    /// letters into the base letters), full-width and other compatibility forms; Cyrillic read as Latin-1 is read back
    /// (<see cref="LegacyCyrillicText"/>); right-to-left runs are put back in reading order (<see cref="RightToLeftText"/>). Control characters mean nothing in a
    /// full-text index (and the catalog uses two of them to mark snippets).
    /// </summary>
    public static string Clean(string text)
    {
        if (!text.IsNormalized(NormalizationForm.FormKC))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }

        text = LegacyCyrillicText.Repair(text);
        text = RightToLeftText.ToLogicalOrder(text);

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) && c is not '\n' and not '\t' ? ' ' : c);
        }

        return builder.ToString();
    }
}
