using System.Globalization;
using Aithena.Catalog;
using Microsoft.Data.Sqlite;

namespace Aithena.Semantic.Passages;

/// <summary>
/// The passage store of the SQLite catalog (tables in <see cref="PassageSchema"/>). Writes are one immediate
/// transaction each, like the rest of the catalog; the version counter is taken inside it, and SQLite serialises
/// writers, so versions are handed out in commit order and a reader that remembers the last one misses nothing.
/// </summary>
public sealed class SqlitePassageStore(SqliteCatalogDatabase database, TimeProvider clock) : IPassageStore
{
    private const string NextVersion = "(SELECT COALESCE(MAX(version), 0) + 1 FROM embeddings)";

    public async Task<DocumentText?> ReadTextAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        string stamp;
        await using (var command = Command(connection, "SELECT indexed_at FROM documents WHERE id = $id AND status = 'indexed' AND indexed_at IS NOT NULL", transaction))
        {
            command.Parameters.AddWithValue("$id", documentId);
            if (await command.ExecuteScalarAsync(cancellationToken) is not string s)
            {
                return null;
            }

            stamp = s;
        }

        var pages = new List<string>();
        await using (var command = Command(connection, "SELECT page, text FROM pages WHERE document_id = $id ORDER BY page", transaction))
        {
            command.Parameters.AddWithValue("$id", documentId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Page numbers are dense from 1 (the Indexer writes every page, textless ones as empty text).
                while (pages.Count < reader.GetInt32(0) - 1)
                {
                    pages.Add("");
                }

                pages.Add(reader.GetString(1));
            }
        }

        return new DocumentText(documentId, stamp, pages);
    }

    public async Task<EmbeddingState?> GetStateAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT indexed_at, model, status, passages, version, failure_reason FROM embeddings WHERE document_id = $id");
        command.Parameters.AddWithValue("$id", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new EmbeddingState(documentId, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            : null;
    }

    public async Task<bool> ReplaceAsync(string documentId, string indexingStamp, string model, IReadOnlyList<EmbeddedPassage> passages, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (!await IsCurrentAsync(connection, transaction, documentId, indexingStamp, cancellationToken))
        {
            return false;
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM passages WHERE document_id = $id", cancellationToken, ("$id", documentId));
        await using (var insert = Command(connection, "INSERT INTO passages (document_id, page, ordinal, text, vector, scale) VALUES ($id, $page, $ordinal, $text, $vector, $scale)", transaction))
        {
            insert.Parameters.AddWithValue("$id", documentId);
            var page = insert.Parameters.Add("$page", SqliteType.Integer);
            var ordinal = insert.Parameters.Add("$ordinal", SqliteType.Integer);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            var vector = insert.Parameters.Add("$vector", SqliteType.Blob);
            var scale = insert.Parameters.Add("$scale", SqliteType.Real);
            foreach (var p in passages)
            {
                var (bytes, s) = VectorCodec.Quantize(p.Vector);
                (page.Value, ordinal.Value, text.Value, vector.Value, scale.Value) = (p.Passage.Page, p.Passage.Ordinal, p.Passage.Text, bytes, s);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await UpsertStateAsync(connection, transaction, documentId, indexingStamp, model, passages.Count > 0 ? passages[0].Vector.Length : 0,
            passages.Count, EmbeddingStatus.Done, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyDictionary<string, float[]>> ReadVectorsByTextAsync(string documentId, string model, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection,
            """
            SELECT p.text, p.vector, p.scale FROM passages p JOIN embeddings e ON e.document_id = p.document_id
            WHERE p.document_id = $id AND e.model = $model AND e.status = 'done'
            """);
        command.Parameters.AddWithValue("$id", documentId);
        command.Parameters.AddWithValue("$model", model);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var vector = VectorCodec.Read(reader, 1, 2);
            vectors.TryAdd(reader.GetString(0), vector);
        }

        return vectors;
    }

    public async Task MarkFailedAsync(string documentId, string indexingStamp, string model, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (!await IsCurrentAsync(connection, transaction, documentId, indexingStamp, cancellationToken))
        {
            return;
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM passages WHERE document_id = $id", cancellationToken, ("$id", documentId));
        await UpsertStateAsync(connection, transaction, documentId, indexingStamp, model, 0, 0, EmbeddingStatus.Failed, reason, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetStatusesAsync(IReadOnlyCollection<string> documentIds, string model, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        if (documentIds.Count == 0)
        {
            return statuses;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in documentIds.Chunk(500))
        {
            var names = chunk.Select((_, i) => "$d" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            await using var command = Command(connection,
                $"""
                 SELECT d.id, e.status, e.indexed_at = d.indexed_at AND e.model = $model
                 FROM documents d LEFT JOIN embeddings e ON e.document_id = d.id
                 WHERE d.status = 'indexed' AND d.id IN ({string.Join(", ", names)})
                 """);
            command.Parameters.AddWithValue("$model", model);
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.AddWithValue(names[i], chunk[i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var current = !reader.IsDBNull(2) && reader.GetInt64(2) == 1;
                statuses[reader.GetString(0)] = current ? reader.GetString(1) : EmbeddingStatus.Pending;
            }
        }

        return statuses;
    }

    public async Task<EmbeddingBacklog> ReadBacklogAsync(string model, string? documentId, DateTimeOffset lately, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Stamps and embedded_at are round-trip UTC text, so text order is time order.
        await using var command = Command(connection,
            """
            WITH waiting AS (
                SELECT d.indexed_at, COALESCE(d.text_length, 0) AS text_length FROM documents d
                WHERE d.status = 'indexed' AND NOT EXISTS (
                    SELECT 1 FROM embeddings e WHERE e.document_id = d.id AND e.indexed_at = d.indexed_at AND e.model = $model)),
            done AS (
                SELECT e.passages, COALESCE(d.text_length, 0) AS text_length FROM embeddings e JOIN documents d ON d.id = e.document_id
                WHERE d.status = 'indexed' AND e.status = 'done' AND e.model = $model AND e.indexed_at = d.indexed_at),
            mine AS (SELECT indexed_at, COALESCE(text_length, 0) AS text_length FROM documents WHERE id = $id)
            SELECT
                (SELECT COUNT(*) FROM waiting),
                (SELECT COALESCE(SUM(text_length), 0) FROM waiting),
                (SELECT COUNT(*) FROM waiting WHERE indexed_at < (SELECT indexed_at FROM mine)),
                (SELECT COALESCE(SUM(text_length), 0) FROM waiting WHERE indexed_at < (SELECT indexed_at FROM mine)),
                (SELECT COALESCE(SUM(text_length), 0) FROM mine),
                (SELECT COALESCE(SUM(passages), 0) FROM done),
                (SELECT COALESCE(SUM(text_length), 0) FROM done),
                (SELECT COALESCE(SUM(passages), 0) FROM embeddings WHERE status = 'done' AND model = $model AND embedded_at >= $lately)
            """);
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$id", (object?)documentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$lately", lately.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new EmbeddingBacklog(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
            reader.GetInt64(7));
    }

    public async Task<PassageChanges> ReadChangesAsync(long sinceVersion, string model, int maxDocuments, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read transaction: the documents and their passages as of one moment.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var documents = new List<(VectorDocument Document, bool Live)>();
        var version = sinceVersion;
        await using (var command = Command(connection,
            """
            SELECT e.document_id, e.version, d.status = 'indexed' AND e.status = 'done' AND e.model = $model AND e.passages > 0,
                   COALESCE(d.title, d.file_name), d.author, d.year, d.category, d.language, d.page_count, d.path
            FROM embeddings e JOIN documents d ON d.id = e.document_id
            WHERE e.version > $since
            ORDER BY e.version
            LIMIT $limit
            """, transaction))
        {
            command.Parameters.AddWithValue("$since", sinceVersion);
            command.Parameters.AddWithValue("$model", model);
            command.Parameters.AddWithValue("$limit", maxDocuments);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                version = reader.GetInt64(1);
                documents.Add((new VectorDocument(reader.GetString(0), reader.GetString(3), NullableString(reader, 4), reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    NullableString(reader, 6), NullableString(reader, 7), reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.GetString(9)), !reader.IsDBNull(2) && reader.GetInt64(2) == 1));
            }
        }

        var result = new List<DocumentVectors>(documents.Count);
        await using (var command = Command(connection, "SELECT id, page, vector, scale FROM passages WHERE document_id = $id ORDER BY ordinal", transaction))
        {
            var id = command.Parameters.Add("$id", SqliteType.Text);
            foreach (var (document, live) in documents)
            {
                var passages = new List<PassageVector>();
                if (live)
                {
                    id.Value = document.Id;
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var vector = VectorCodec.Read(reader, 2, 3);
                        passages.Add(new PassageVector(reader.GetInt64(0), reader.GetInt32(1), vector));
                    }
                }

                result.Add(new DocumentVectors(document, passages));
            }
        }

        return new PassageChanges(result, version);
    }

    public async Task<IReadOnlyDictionary<long, string>> ReadPassageTextsAsync(IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<long, string>();
        if (passageIds.Count == 0)
        {
            return texts;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = string.Join(", ", passageIds.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        await using var command = Command(connection, $"SELECT id, text FROM passages WHERE id IN ({ids})");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            texts[reader.GetInt64(0)] = reader.GetString(1);
        }

        return texts;
    }

    private static async Task<bool> IsCurrentAsync(SqliteConnection connection, SqliteTransaction transaction, string documentId, string stamp, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT 1 FROM documents WHERE id = $id AND status = 'indexed' AND indexed_at = $stamp", transaction);
        command.Parameters.AddWithValue("$id", documentId);
        command.Parameters.AddWithValue("$stamp", stamp);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private async Task UpsertStateAsync(SqliteConnection connection, SqliteTransaction transaction, string documentId, string stamp, string model,
        int dimensions, int count, string status, string? reason, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction,
            $"""
             INSERT INTO embeddings (document_id, indexed_at, model, dimensions, passages, status, failure_reason, version, embedded_at)
             VALUES ($id, $stamp, $model, $dimensions, $count, $status, $reason, {NextVersion}, $now)
             ON CONFLICT (document_id) DO UPDATE SET
                 indexed_at = excluded.indexed_at, model = excluded.model, dimensions = excluded.dimensions, passages = excluded.passages,
                 status = excluded.status, failure_reason = excluded.failure_reason, version = excluded.version, embedded_at = excluded.embedded_at
             """, cancellationToken,
            ("$id", documentId), ("$stamp", stamp), ("$model", model), ("$dimensions", dimensions), ("$count", count), ("$status", status),
            ("$reason", reason), ("$now", clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
