using System.Text.RegularExpressions;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Metadata read from where a file sits and what it is called, as the original aithena did:
/// <c>Author - Title (Year).pdf</c>, <c>Author - Title.pdf</c>, <c>Title (Year).pdf</c>; folders <c>category/author/</c>;
/// a folder named by a language code (<c>en</c>, <c>es</c>, ...) gives the language; a year counts from 1500 to 2099.
/// </summary>
public static partial class PathMetadata
{
    public const string UnknownAuthor = "Unknown";

    private static readonly HashSet<string> LanguageCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "ar", "ca", "cs", "da", "de", "el", "en", "es", "eu", "fa", "fi", "fr", "gl", "he", "hi", "hu", "id", "it",
        "ja", "ko", "la", "nl", "no", "pl", "pt", "ro", "ru", "sv", "tr", "uk", "zh",
    };

    /// <summary>Folders that say how a file arrived, not what it is about.</summary>
    private static readonly HashSet<string> TransportFolders = new(StringComparer.OrdinalIgnoreCase) { "uploads" };

    [GeneratedRegex(@"^(?<author>.+?)\s+-\s+(?<title>.+?)(?:\s*\((?<year>\d{4})\))?$")]
    private static partial Regex AuthorTitleYear();

    [GeneratedRegex(@"^(?<title>.+?)\s*\((?<year>\d{4})\)$")]
    private static partial Regex TitleYear();

    public sealed record Result(string? Title, string? Author, int? Year, string? Category, string? Language);

    public static Result Parse(string relativePath)
    {
        // What the path says is shown as a title, an author, a category: without invisible characters (a bidi override).
        var segments = Catalog.DisplayName.Strip(relativePath).Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var stem = Path.GetFileNameWithoutExtension(segments[^1]).Replace('_', ' ').Trim();

        string? language = null;
        var folders = new List<string>();
        foreach (var folder in segments[..^1])
        {
            if (language is null && LanguageCodes.Contains(folder))
            {
                language = folder.ToLowerInvariant();
            }
            else if (!TransportFolders.Contains(folder))
            {
                folders.Add(folder);
            }
        }

        string? title = null, author = null;
        int? year = null;
        if (AuthorTitleYear().Match(stem) is { Success: true } full)
        {
            author = full.Groups["author"].Value.Trim();
            title = full.Groups["title"].Value.Trim();
            year = ParseYear(full.Groups["year"].Value);
        }
        else if (TitleYear().Match(stem) is { Success: true } titled)
        {
            title = titled.Groups["title"].Value.Trim();
            year = ParseYear(titled.Groups["year"].Value);
        }

        var category = folders.Count > 0 ? folders[0] : null;
        author ??= folders.Count > 1 ? folders[1] : null;
        return new Result(title, author, year, category, language);
    }

    private static int? ParseYear(string text) =>
        int.TryParse(text, out var year) && year is >= 1500 and <= 2099 ? year : null;

    /// <summary>Fills what the path did not say from the PDF's own metadata, then from the file name.</summary>
    public static Catalog.DocumentMetadata Complete(Result fromPath, string relativePath, string? pdfTitle, string? pdfAuthor)
    {
        var title = fromPath.Title ?? Clean(pdfTitle) ?? Path.GetFileNameWithoutExtension(Catalog.DisplayName.Strip(relativePath)).Replace('_', ' ').Trim();
        var author = fromPath.Author ?? Clean(pdfAuthor) ?? UnknownAuthor;
        return new Catalog.DocumentMetadata(title, author, fromPath.Year, fromPath.Category, fromPath.Language);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
