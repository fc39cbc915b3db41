using System.Globalization;
using System.Text;
using Aithena.Catalog;

namespace Aithena.Api.Upload;

/// <summary>Turns a client's file name into one that is safe to store in the library's <c>uploads</c> folder.</summary>
public static class FileNames
{
    /// <summary>Linux allows 255 bytes per name; this leaves room for a collision suffix like " (123)".</summary>
    public const int MaxStemBytes = 200;
    public const string Extension = ".pdf";
    private const string Fallback = "document";

    /// <summary>
    /// Keeps only the last path segment, drops control characters (NUL included) and characters that are
    /// path separators or awkward on other systems, keeps every Unicode letter, normalises to NFC,
    /// never starts with a dot (no hidden files, no "..") and always ends in ".pdf".
    /// </summary>
    public static string Sanitise(string? original)
    {
        var name = (original ?? "").Normalize(NormalizationForm.FormC);
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        if (name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^Extension.Length];
        }

        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                builder.Append(' '); // tabs and line breaks too: they separate words, they are not part of them
                continue;
            }

            if (DisplayName.IsInvisible(rune))
            {
                continue;
            }

            builder.Append(rune.Value is ':' or '*' or '?' or '"' or '<' or '>' or '|' ? "_" : rune.ToString());
        }

        var stem = CollapseWhitespace(builder.ToString()).Trim().TrimStart('.').Trim().TrimEnd('.').Trim();
        stem = Truncate(stem, MaxStemBytes).Trim();
        return NotTemporary(stem.Length == 0 ? Fallback : stem) + Extension;
    }

    /// <summary>
    /// A stem the Lister does not skip (<see cref="TemporaryNames"/>): "~$lock" becomes "$lock", "notes.part" becomes
    /// "notes_part". Kept, and renamed only as far as needed, because the Lister would never see it otherwise.
    /// </summary>
    private static string NotTemporary(string stem)
    {
        while (stem.Length > 0 && TemporaryNames.IsTemporary(stem + Extension))
        {
            var dot = stem.LastIndexOf('.');
            stem = stem[0] is '~' or '.' ? stem[1..].Trim() : stem[..dot] + "_" + stem[(dot + 1)..];
        }

        return stem.Length == 0 ? Fallback : stem;
    }

    /// <summary><c>name.pdf</c>, <c>name (1).pdf</c>, <c>name (2).pdf</c>, ...</summary>
    public static string WithSuffix(string sanitised, int attempt) =>
        attempt == 0 ? sanitised : $"{sanitised[..^Extension.Length]} ({attempt}){Extension}";

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace || !lastWasSpace)
            {
                builder.Append(isSpace ? ' ' : c);
            }

            lastWasSpace = isSpace;
        }

        return builder.ToString();
    }

    /// <summary>Cuts to at most <paramref name="maxBytes"/> UTF-8 bytes without splitting a character.</summary>
    private static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var builder = new StringBuilder();
        var bytes = 0;
        foreach (var element in EnumerateTextElements(text))
        {
            var size = Encoding.UTF8.GetByteCount(element);
            if (bytes + size > maxBytes)
            {
                break;
            }

            builder.Append(element);
            bytes += size;
        }

        return builder.ToString();
    }

    private static IEnumerable<string> EnumerateTextElements(string text)
    {
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            yield return enumerator.GetTextElement();
        }
    }
}
