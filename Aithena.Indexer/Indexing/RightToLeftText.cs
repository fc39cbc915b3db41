using System.Globalization;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// PdfPig gives a line's characters in the order they stand on the page, left to right. For Arabic and Hebrew that
/// is the reverse of the order they are written and searched in (measured on texlive's Arabic documentation: the
/// words shared with pdftotext went from a median of 64 % to 84 % of a document's vocabulary once reversed back).
/// So each run of right-to-left text on a line (its letters and marks, and the spaces and punctuation between them)
/// is reversed, and the digits inside it, which run left to right even there, are put back in their order.
/// </summary>
internal static class RightToLeftText
{
    public static string ToLogicalOrder(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0590', '\u08FF') && !text.AsSpan().ContainsAnyInRange('\uFB1D', '\uFEFF'))
        {
            return text;
        }

        var chars = text.ToCharArray();
        var i = 0;
        while (i < chars.Length)
        {
            // Marks come before their letter in visual order, so a run can start with one.
            if (!IsRightToLeft(chars[i]) && !IsRightToLeftMark(chars[i]))
            {
                i++;
                continue;
            }

            // The run ends at its last right-to-left character: trailing spaces and punctuation stay where they are.
            var start = i;
            var last = i;
            for (var j = i; j < chars.Length && chars[j] != '\n' && (IsRightToLeft(chars[j]) || IsMark(chars[j]) || char.IsWhiteSpace(chars[j])
                     || char.IsPunctuation(chars[j]) || char.IsDigit(chars[j])); j++)
            {
                if (IsRightToLeft(chars[j]) || IsRightToLeftMark(chars[j]))
                {
                    last = j;
                }
            }

            Array.Reverse(chars, start, last - start + 1);
            RestoreDigits(chars, start, last);
            i = last + 1;
        }

        return new string(chars);
    }

    private static void RestoreDigits(char[] chars, int start, int last)
    {
        for (var k = start; k <= last; k++)
        {
            if (!char.IsDigit(chars[k]))
            {
                continue;
            }

            var end = k;
            while (end + 1 <= last && char.IsDigit(chars[end + 1]))
            {
                end++;
            }

            Array.Reverse(chars, k, end - k + 1);
            k = end;
        }
    }

    /// <summary>Hebrew, Arabic, Syriac, Thaana and their presentation forms; not the digits among them.</summary>
    public static bool IsRightToLeft(char c) =>
        c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF') && !char.IsDigit(c) && !IsMark(c);

    private static bool IsRightToLeftMark(char c) => c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFEFF') && IsMark(c);

    private static bool IsMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark;
}
