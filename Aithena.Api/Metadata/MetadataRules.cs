using System.Globalization;
using Aithena.Api.Documents;

namespace Aithena.Api.Metadata;

/// <summary>
/// What a correction may say: text trimmed (empty means "no correction"), no control characters (a title is one line),
/// lengths a page can show, and a year between 1 and next year (a year further on is a typo).
/// </summary>
public static class MetadataRules
{
    public const int MaxTitleLength = 500;
    public const int MaxAuthorLength = 300;
    public const int MaxCategoryLength = 100;
    public const int MaxLanguageLength = 35;

    /// <summary>The corrections as they will be stored, or the first reason they cannot be.</summary>
    public static (MetadataFields? Fields, string? Error) Check(MetadataFields request, DateTimeOffset now)
    {
        var errors = new List<string>();
        var title = Text(request.Title, "title", MaxTitleLength, errors);
        var author = Text(request.Author, "author", MaxAuthorLength, errors);
        var category = Text(request.Category, "category", MaxCategoryLength, errors);
        var language = Text(request.Language, "language", MaxLanguageLength, errors);
        var lastYear = now.Year + 1;
        if (request.Year is < 1 || request.Year > lastYear)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"The year must be between 1 and {lastYear} (it is {request.Year})."));
        }

        return errors.Count > 0 ? (null, string.Join(" ", errors)) : (new MetadataFields(title, author, request.Year, category, language), null);
    }

    private static string? Text(string? value, string name, int maxLength, List<string> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"The {name} can be at most {maxLength} characters (it has {trimmed.Length})."));
        }

        if (trimmed.Any(char.IsControl))
        {
            errors.Add($"The {name} must be one line, without control characters.");
        }

        return trimmed;
    }
}
