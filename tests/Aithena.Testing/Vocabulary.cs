using System.Text;

namespace Aithena.Testing;

/// <summary>
/// The distinct words of a text, for comparing two extractors' output: runs of letters (marks kept with their letter),
/// NFKC-normalised and lower-cased, two letters or more. Scripts written without spaces (Chinese, Japanese) come out
/// as long runs in both extractors alike, so the comparison stays fair.
/// </summary>
public static class Vocabulary
{
    public static HashSet<string> Of(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var word = new StringBuilder();
        foreach (var c in normalized)
        {
            if (char.IsLetter(c) || (word.Length > 0 && char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            Add(words, word);
        }

        Add(words, word);
        return words;
    }

    private static void Add(HashSet<string> words, StringBuilder word)
    {
        if (word.Length >= 2)
        {
            words.Add(word.ToString());
        }

        word.Clear();
    }
}
