using System.Data.Common;
using Aithena.Api.Documents;

namespace Aithena.Catalog;

/// <summary>What both engines' <see cref="IMetadataCorrections"/> share: the statements (named <c>@</c> parameters suit both) and reading them.</summary>
internal static class MetadataCorrectionRows
{
    /// <summary>A document's status, its effective values, and its correction row if it has one (<see cref="Read"/> reads them).</summary>
    public const string SelectForCorrection =
        """
        SELECT d.status, d.title, d.author, d.year, d.category, d.language,
               c.document_id, c.extracted_title, c.extracted_author, c.extracted_year, c.extracted_category, c.extracted_language
        FROM documents d LEFT JOIN document_corrections c ON c.document_id = d.id
        WHERE d.id = @id
        """;

    public const string Select =
        """
        SELECT title, author, year, category, language,
               extracted_title, extracted_author, extracted_year, extracted_category, extracted_language, corrected_by, corrected_at
        FROM document_corrections WHERE document_id = @id
        """;

    public const string Upsert =
        """
        INSERT INTO document_corrections (document_id, title, author, year, category, language,
            extracted_title, extracted_author, extracted_year, extracted_category, extracted_language, corrected_by, corrected_at)
        VALUES (@id, @title, @author, @year, @category, @language,
            @extractedTitle, @extractedAuthor, @extractedYear, @extractedCategory, @extractedLanguage, @by, @at)
        ON CONFLICT (document_id) DO UPDATE SET
            title = excluded.title, author = excluded.author, year = excluded.year, category = excluded.category, language = excluded.language,
            extracted_title = excluded.extracted_title, extracted_author = excluded.extracted_author, extracted_year = excluded.extracted_year,
            extracted_category = excluded.extracted_category, extracted_language = excluded.extracted_language,
            corrected_by = excluded.corrected_by, corrected_at = excluded.corrected_at
        """;

    public const string Delete = "DELETE FROM document_corrections WHERE document_id = @id";

    /// <summary>The effective values, where search reads them. <c>updated_at</c> stays: it orders the Lister's news, which a correction is not.</summary>
    public const string UpdateDocument =
        "UPDATE documents SET title = @title, author = @author, year = @year, category = @category, language = @language WHERE id = @id";

    /// <summary>
    /// What a correction starts from, or null when there is no live document: its status and what extraction found (the
    /// copy in its correction row if it has one, else its own fields, which are then what extraction found).
    /// </summary>
    public static async Task<MetadataFields?> ReadExtractedAsync(DbDataReader r, CancellationToken cancellationToken)
    {
        if (!await r.ReadAsync(cancellationToken) || r.GetString(0) == DocumentStatus.Removed)
        {
            return null;
        }

        var first = r.IsDBNull(6) ? 1 : 7;
        return Fields(r, first);
    }

    public static MetadataCorrections Read(DbDataReader r) => new(
        Fields(r, 0), Fields(r, 5), r.GetString(10),
        r.GetFieldType(11) == typeof(string)
            ? DateTimeOffset.Parse(r.GetString(11), System.Globalization.CultureInfo.InvariantCulture)
            : r.GetFieldValue<DateTimeOffset>(11));

    /// <summary>The correction where there is one, else what extraction found.</summary>
    public static MetadataFields Effective(MetadataFields corrected, MetadataFields extracted) => new(
        corrected.Title ?? extracted.Title, corrected.Author ?? extracted.Author, corrected.Year ?? extracted.Year,
        corrected.Category ?? extracted.Category, corrected.Language ?? extracted.Language);

    private static MetadataFields Fields(DbDataReader r, int first) => new(
        String(r, first), String(r, first + 1), r.IsDBNull(first + 2) ? null : r.GetInt32(first + 2), String(r, first + 3), String(r, first + 4));

    private static string? String(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
