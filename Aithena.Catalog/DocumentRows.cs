using System.Data.Common;
using System.Globalization;

namespace Aithena.Catalog;

/// <summary>
/// A <c>documents</c> row as both engines select it: the same columns in the same order, read into one
/// <see cref="DocumentRecord"/>. Only the time columns differ in storage (ISO text in SQLite, <c>timestamptz</c> in
/// PostgreSQL), and the reader tells which by the column's type.
/// </summary>
internal static class DocumentRows
{
    /// <summary>The columns every document query selects, in the order <see cref="Read"/> expects.</summary>
    public const string Columns =
        "id, path, file_name, size, modified_at, content_hash, title, author, year, category, language, page_count, status, failure_reason, source, queued_at, indexed_at, textless_pages, text_length, ocr, ocr_pages, ocr_failure, uploaded_by";

    public static DocumentRecord Read(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Path = r.GetString(1),
        FileName = r.GetString(2),
        Size = r.GetInt64(3),
        ModifiedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        ContentHash = NullableString(r, 5),
        Title = NullableString(r, 6),
        Author = NullableString(r, 7),
        Year = r.IsDBNull(8) ? null : r.GetInt32(8),
        Category = NullableString(r, 9),
        Language = NullableString(r, 10),
        PageCount = r.IsDBNull(11) ? null : r.GetInt32(11),
        Status = r.GetString(12),
        FailureReason = NullableString(r, 13),
        Source = NullableString(r, 14),
        QueuedAt = NullableTime(r, 15),
        IndexedAt = NullableTime(r, 16),
        TextlessPages = r.IsDBNull(17) ? null : r.GetInt32(17),
        TextLength = r.IsDBNull(18) ? null : r.GetInt64(18),
        Ocr = NullableString(r, 19),
        OcrPages = r.IsDBNull(20) ? null : r.GetInt32(20),
        OcrFailure = NullableString(r, 21),
        UploadedBy = NullableString(r, 22),
    };

    /// <summary>Reads <c>SELECT status, COUNT(*) ... GROUP BY status</c> (and disposes the reader): every status, zero for those with no row.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> ReadCountsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        await using (reader)
        {
            var counts = DocumentStatus.All.ToDictionary(status => status, _ => 0, StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            }

            return counts;
        }
    }

    private static string? NullableString(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static DateTimeOffset? NullableTime(DbDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null
        : r.GetFieldType(ordinal) == typeof(string) ? DateTimeOffset.Parse(r.GetString(ordinal), CultureInfo.InvariantCulture)
        : r.GetFieldValue<DateTimeOffset>(ordinal);
}
