using Aithena.Api.Documents;
using Npgsql;
using NpgsqlTypes;

namespace Aithena.Catalog;

/// <summary>
/// Corrected metadata in PostgreSQL (<see cref="MetadataCorrectionSchema"/>). A correction first locks the document's row,
/// as indexing's upsert does, so the two never interleave (and take their locks in the same order: no deadlock).
/// </summary>
public sealed class PostgresMetadataCorrections(NpgsqlDataSource dataSource, TimeProvider clock) : IMetadataCorrections
{
    /// <summary>Indexing's part (<see cref="MetadataCorrectionSchema.Reapply"/>), inside its own transaction.</summary>
    internal static async Task ReapplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(MetadataCorrectionSchema.Reapply, connection, transaction).With("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<MetadataCorrections?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(MetadataCorrectionRows.Select).With("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? MetadataCorrectionRows.Read(reader) : null;
    }

    public async Task<bool> CorrectAsync(string id, MetadataFields corrected, string correctedBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        MetadataFields? extracted;
        // The lock first, on its own: a statement that waited for a lock re-reads only the locked row, so a join in the
        // same statement would still see no correction row where a correction committed meanwhile made one, and would take
        // that correction's values for what extraction found. The next statement reads everything committed until now.
        await ExecuteAsync(new NpgsqlCommand("SELECT 1 FROM documents WHERE id = @id FOR UPDATE", connection, transaction).With("id", id), cancellationToken);
        await using (var select = new NpgsqlCommand(MetadataCorrectionRows.SelectForCorrection, connection, transaction).With("id", id))
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
            await ExecuteAsync(new NpgsqlCommand(MetadataCorrectionRows.Delete, connection, transaction).With("id", id), cancellationToken);
        }
        else
        {
            await ExecuteAsync(Fields(new NpgsqlCommand(MetadataCorrectionRows.Upsert, connection, transaction).With("id", id), corrected)
                .With("extractedTitle", extracted.Title).With("extractedAuthor", extracted.Author).With("extractedYear", extracted.Year)
                .With("extractedCategory", extracted.Category).With("extractedLanguage", extracted.Language)
                .With("by", correctedBy).With("at", (DateTimeOffset?)clock.GetUtcNow()), cancellationToken);
        }

        await ExecuteAsync(Fields(new NpgsqlCommand(MetadataCorrectionRows.UpdateDocument, connection, transaction).With("id", id),
            MetadataCorrectionRows.Effective(corrected, extracted)), cancellationToken);
        // Semantic search keeps each document's metadata in memory, re-read when its embeddings' version moves; versions
        // are handed out under the version lock, last in the transaction (PassageSchema).
        await ExecuteAsync(new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({PassageSchema.PostgresVersionLock}) FROM embeddings WHERE document_id = @id;
            UPDATE embeddings SET version = nextval('embeddings_version') WHERE document_id = @id;
            """, connection, transaction).With("id", id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static NpgsqlCommand Fields(NpgsqlCommand command, MetadataFields fields) =>
        command.With("title", fields.Title).With("author", fields.Author).With("year", fields.Year)
            .With("category", fields.Category).With("language", fields.Language);

    private static async Task ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
