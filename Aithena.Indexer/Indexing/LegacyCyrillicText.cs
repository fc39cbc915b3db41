namespace Aithena.Indexer.Indexing;

/// <summary>
/// Old LaTeX Cyrillic fonts (PsCyr, the T2A/CP1251 Type 1 fonts) carry no ToUnicode map; PdfPig then gives their
/// character codes as Latin-1 letters, so "Класс" comes out as "Êëàññ" and no Russian query finds the page (measured on
/// texlive's Cyrillic documentation: 41 % of pdftotext's vocabulary, which reads the fonts' glyph names). In both
/// encodings the codes 0xC0-0xFF are the 64 letters А-я in order, 0xA8/0xB8 are Ё/ё. A page whose letters are mostly
/// in that Latin-1 range cannot be a Western language (accents are a few per cent of French, German or Icelandic
/// letters), so its Latin-1 letters are read back as the Cyrillic letters they encode; ASCII stays as it is.
/// </summary>
internal static class LegacyCyrillicText
{
    /// <summary>The share of a page's letters in À-ÿ from which it is taken for Cyrillic in a Latin-1 disguise.</summary>
    private const double Threshold = 0.3;

    public static string Repair(string text)
    {
        // Most pages hold no Latin-1 letter at all: one vectorised look, and they pass untouched.
        if (!text.AsSpan().ContainsAnyInRange('\u00C0', '\u00FF'))
        {
            return text;
        }

        int letters = 0, disguised = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (IsDisguised(c))
                {
                    disguised++;
                }
            }
        }

        if (disguised == 0 || disguised < letters * Threshold)
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    '\u00A8' => 'Ё',
                    '\u00B8' => 'ё',
                    // × and ÷ too: they are not letters in Latin-1, but they are the codes of Ч and ч.
                    >= '\u00C0' and <= '\u00FF' => (char)('А' + (c - '\u00C0')),
                    _ => c,
                };
            }
        });
    }

    // The letters of À-ÿ (× and ÷ are not letters, so they are not counted among the page's letters either).
    private static bool IsDisguised(char c) => c is >= '\u00C0' and <= '\u00FF' and not '\u00D7' and not '\u00F7';
}
