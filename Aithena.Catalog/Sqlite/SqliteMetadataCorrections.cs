using Aithena.Api.Documents;
using Microsoft.Data.Sqlite;

namespace Aithena.Catalog;

/// <summary>
/// Corrected metadata in SQLite (<see cref="MetadataCorrectionSchema"/>). A correction is one immediate transaction: the
/// write lock is taken first, so an indexing of the same document is wholly before or wholly after it.
/// </summary>
public sealed class SqliteMetadataCorrections(SqliteCatalogDatabase database, TimeProvider clock) : IMetadataCorrections
{
    /// <summary>Indexing's part (<see cref="MetadataCorrectionSchema.Reapply"/>), inside its own transaction.</summary>
    internal static Task ReapplyAsync(SqliteConnection connection, SqliteTransaction transaction, string id, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(MetadataCorrectionSchema.Reapply, cancellationToken, transaction, ("@id", id));

    public async Task<MetadataCorrections?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(MetadataCorrectionRows.Select).With("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? MetadataCorrectionRows.Read(reader) : null;
    }

    public async Task<bool> CorrectAsync(string id, MetadataFields corrected, string correctedBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        MetadataFields? extracted;
        await using (var select = connection.Command(MetadataCorrectionRows.SelectForCorrection, transaction).With("@id", id))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            extracted = await MetadataCorrectionRows.ReadExtractedAsync(reader, cancellationToken);
        }

        if (extracted is null)
        {
            return false;
        }

        if (corrected.IsEmpty)
        {
            await connection.ExecuteAsync(MetadataCorrectionRows.Delete, cancellationToken, transaction, ("@id", id));
        }
        else
        {
            await connection.ExecuteAsync(MetadataCorrectionRows.Upsert, cancellationToken, transaction,
                ("@id", id), ("@title", corrected.Title), ("@author", corrected.Author), ("@year", corrected.Year),
                ("@category", corrected.Category), ("@language", corrected.Language),
                ("@extractedTitle", extracted.Title), ("@extractedAuthor", extracted.Author), ("@extractedYear", extracted.Year),
                ("@extractedCategory", extracted.Category), ("@extractedLanguage", extracted.Language),
                ("@by", correctedBy), ("@at", clock.GetUtcNow().ToDb()));
        }

        var effective = MetadataCorrectionRows.Effective(corrected, extracted);
        await connection.ExecuteAsync(MetadataCorrectionRows.UpdateDocument, cancellationToken, transaction,
            ("@id", id), ("@title", effective.Title), ("@author", effective.Author), ("@year", effective.Year),
            ("@category", effective.Category), ("@language", effective.Language));
        // Semantic search keeps each document's metadata in memory, re-read when its embeddings' version moves.
        await connection.ExecuteAsync(
            "UPDATE embeddings SET version = (SELECT COALESCE(MAX(version), 0) + 1 FROM embeddings) WHERE document_id = @id",
            cancellationToken, transaction, ("@id", id));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
