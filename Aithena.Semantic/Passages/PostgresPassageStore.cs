using System.Data;
using System.Globalization;
using Aithena.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace Aithena.Semantic.Passages;

/// <summary>
/// The passage store of the PostgreSQL catalog (tables in <see cref="PassageSchema.PostgresMigration"/>), for services on
/// several machines. Each write is one transaction that first locks the document's row (<c>FOR NO KEY UPDATE</c>) after
/// checking it still has the indexing the passages were cut from: a re-indexing, removal or failure of the document waits
/// for it, and one that committed first makes it write nothing; a redelivered command embedding the same document at the
/// same time waits too, then replaces the passages the first one wrote instead of adding its own beside them. It gives
/// the document its new version last, under <see cref="PassageSchema.PostgresVersionLock"/>, so versions commit in the
/// order they are handed out (why: see <see cref="PassageSchema.PostgresMigration"/>) and <see cref="ReadChangesAsync"/>
/// misses none.
/// </summary>
/// <remarks>
/// The indexing stamp is <c>documents.indexed_at</c> (a <c>timestamptz</c>, microseconds) written as round-trip text;
/// it is parsed back to compare, so it matches exactly.
/// </remarks>
public sealed class PostgresPassageStore(NpgsqlDataSource dataSource, TimeProvider clock) : IPassageStore
{
    public async Task<DocumentText?> ReadTextAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The stamp and the pages as of one snapshot: a re-indexing committing in between cannot pair new pages with the old stamp.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        DateTime stamp;
        await using (var command = Command(connection, "SELECT indexed_at FROM documents WHERE id = @id AND status = 'indexed' AND indexed_at IS NOT NULL", transaction)
            .With("id", documentId))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is not DateTime s)
            {
                return null;
            }

            stamp = s;
        }

        var pages = new List<string>();
        await using (var command = Command(connection, "SELECT page, text FROM pages WHERE document_id = @id ORDER BY page", transaction).With("id", documentId))
        {
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

        await transaction.CommitAsync(cancellationToken);
        return new DocumentText(documentId, Stamp(stamp), pages);
    }

    public async Task<EmbeddingState?> GetStateAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT indexed_at, model, status, passages, version, failure_reason FROM embeddings WHERE document_id = @id")
            .With("id", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new EmbeddingState(documentId, reader.IsDBNull(0) ? null : Stamp(reader.GetDateTime(0)), reader.GetString(1), reader.GetString(2),
                reader.GetInt32(3), reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5))
            : null;
    }

    public async Task<bool> ReplaceAsync(string documentId, string indexingStamp, string model, IReadOnlyList<EmbeddedPassage> passages, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LockIfCurrentAsync(connection, transaction, documentId, indexingStamp, cancellationToken))
        {
            return false;
        }

        await using (var delete = Command(connection, "DELETE FROM passages WHERE document_id = @id", transaction).With("id", documentId))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (passages.Count > 0)
        {
            // Every passage in one statement: arrays unnested server-side, one round trip however long the document.
            var vectors = new byte[passages.Count][];
            var scales = new float[passages.Count];
            for (var i = 0; i < passages.Count; i++)
            {
                (vectors[i], scales[i]) = VectorCodec.Quantize(passages[i].Vector);
            }

            await using var insert = Command(connection,
                """
                INSERT INTO passages (document_id, page, ordinal, text, vector, scale)
                SELECT @id, p.page, p.ordinal, p.text, p.vector, p.scale
                FROM unnest(@pages, @ordinals, @texts, @vectors, @scales) AS p (page, ordinal, text, vector, scale)
                """, transaction)
                .With("id", documentId)
                .With("pages", passages.Select(p => p.Passage.Page).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer)
                .With("ordinals", passages.Select(p => p.Passage.Ordinal).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer)
                .With("texts", passages.Select(p => PostgresExtensions.Clean(p.Passage.Text)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                .With("vectors", vectors, NpgsqlDbType.Array | NpgsqlDbType.Bytea)
                .With("scales", scales, NpgsqlDbType.Array | NpgsqlDbType.Real);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await UpsertStateAsync(connection, transaction, documentId, indexingStamp, model, passages.Count > 0 ? passages[0].Vector.Length : 0,
            passages.Count, EmbeddingStatus.Done, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyDictionary<string, float[]>> ReadVectorsByTextAsync(string documentId, string model, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand(
            """
            SELECT p.text, p.vector, p.scale FROM passages p JOIN embeddings e ON e.document_id = p.document_id
            WHERE p.document_id = @id AND e.model = @model AND e.status = 'done'
            """).With("id", documentId).With("model", model);
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LockIfCurrentAsync(connection, transaction, documentId, indexingStamp, cancellationToken))
        {
            return;
        }

        await using (var delete = Command(connection, "DELETE FROM passages WHERE document_id = @id", transaction).With("id", documentId))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

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

        await using var command = dataSource.CreateCommand(
            """
            SELECT d.id, e.status, e.indexed_at = d.indexed_at AND e.model = @model
            FROM documents d LEFT JOIN embeddings e ON e.document_id = d.id
            WHERE d.status = 'indexed' AND d.id = ANY (@ids)
            """)
            .With("model", model)
            .With("ids", documentIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var current = !reader.IsDBNull(2) && reader.GetBoolean(2);
            statuses[reader.GetString(0)] = current ? reader.GetString(1) : EmbeddingStatus.Pending;
        }

        return statuses;
    }

    public async Task<EmbeddingBacklog> ReadBacklogAsync(string model, string? documentId, DateTimeOffset lately, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH waiting AS (
                SELECT d.indexed_at, COALESCE(d.text_length, 0) AS text_length FROM documents d
                WHERE d.status = 'indexed' AND NOT EXISTS (
                    SELECT 1 FROM embeddings e WHERE e.document_id = d.id AND e.indexed_at = d.indexed_at AND e.model = @model)),
            done AS (
                SELECT e.passages, COALESCE(d.text_length, 0) AS text_length FROM embeddings e JOIN documents d ON d.id = e.document_id
                WHERE d.status = 'indexed' AND e.status = 'done' AND e.model = @model AND e.indexed_at = d.indexed_at),
            mine AS (SELECT indexed_at, COALESCE(text_length, 0) AS text_length FROM documents WHERE id = @id)
            SELECT
                (SELECT COUNT(*) FROM waiting)::int,
                (SELECT COALESCE(SUM(text_length), 0) FROM waiting)::bigint,
                (SELECT COUNT(*) FROM waiting WHERE indexed_at < (SELECT indexed_at FROM mine))::int,
                (SELECT COALESCE(SUM(text_length), 0) FROM waiting WHERE indexed_at < (SELECT indexed_at FROM mine))::bigint,
                (SELECT COALESCE(SUM(text_length), 0) FROM mine)::bigint,
                (SELECT COALESCE(SUM(passages), 0) FROM done)::bigint,
                (SELECT COALESCE(SUM(text_length), 0) FROM done)::bigint,
                (SELECT COALESCE(SUM(passages), 0) FROM embeddings WHERE status = 'done' AND model = @model AND embedded_at >= @lately)::bigint
            """)
            .With("model", model)
            .With("id", documentId)
            .With("lately", (DateTimeOffset?)lately);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new EmbeddingBacklog(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
            reader.GetInt64(7));
    }

    public async Task<PassageChanges> ReadChangesAsync(long sinceVersion, string model, int maxDocuments, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for both queries: the documents and their passages as of one moment. Versions below the highest
        // one read are all visible in it (PassageSchema.PostgresVersionLock), so the next read can start after it.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var documents = new List<(VectorDocument Document, bool Live)>();
        var version = sinceVersion;
        await using (var command = Command(connection,
            """
            SELECT e.document_id, e.version, d.status = 'indexed' AND e.status = 'done' AND e.model = @model AND e.passages > 0,
                   COALESCE(d.title, d.file_name), d.author, d.year, d.category, d.language, d.page_count, d.path
            FROM embeddings e JOIN documents d ON d.id = e.document_id
            WHERE e.version > @since
            ORDER BY e.version
            LIMIT @limit
            """, transaction)
            .With("since", sinceVersion, NpgsqlDbType.Bigint)
            .With("model", model)
            .With("limit", maxDocuments, NpgsqlDbType.Integer))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                version = reader.GetInt64(1);
                documents.Add((new VectorDocument(reader.GetString(0), reader.GetString(3), NullableString(reader, 4), reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    NullableString(reader, 6), NullableString(reader, 7), reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.GetString(9)), reader.GetBoolean(2)));
            }
        }

        // The passages of every live document in one query, in document then passage order.
        var passages = new Dictionary<string, List<PassageVector>>(StringComparer.Ordinal);
        var live = documents.Where(d => d.Live).Select(d => d.Document.Id).ToArray();
        if (live.Length > 0)
        {
            await using var command = Command(connection,
                "SELECT document_id, id, page, vector, scale FROM passages WHERE document_id = ANY (@ids) ORDER BY document_id, ordinal", transaction)
                .With("ids", live, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                if (!passages.TryGetValue(id, out var list))
                {
                    passages[id] = list = [];
                }

                var vector = VectorCodec.Read(reader, 3, 4);
                list.Add(new PassageVector(reader.GetInt64(1), reader.GetInt32(2), vector));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        var result = documents
            .Select(d => new DocumentVectors(d.Document, d.Live && passages.TryGetValue(d.Document.Id, out var list) ? list : []))
            .ToList();
        return new PassageChanges(result, version);
    }

    public async Task<IReadOnlyDictionary<long, string>> ReadPassageTextsAsync(IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<long, string>();
        if (passageIds.Count == 0)
        {
            return texts;
        }

        await using var command = dataSource.CreateCommand("SELECT id, text FROM passages WHERE id = ANY (@ids)")
            .With("ids", passageIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            texts[reader.GetInt64(0)] = reader.GetString(1);
        }

        return texts;
    }

    /// <summary>
    /// True when the document still has this indexing, and then its row is locked against a re-indexing, removal or
    /// failure, and against another passage write for it, until the transaction ends. The lock is exclusive (not
    /// <c>FOR SHARE</c>): two writers that both held it shared would each delete the passages they could see (none yet
    /// committed) and both insert theirs. <c>FOR NO KEY UPDATE</c> re-reads a row that a concurrent transaction changed
    /// and committed, so a check that waited on it tests the newest row, not the snapshot's; it leaves the foreign keys'
    /// <c>FOR KEY SHARE</c> free, so inserting passages is not blocked by it.
    /// </summary>
    private static async Task<bool> LockIfCurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string documentId, string stamp,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT 1 FROM documents WHERE id = @id AND status = 'indexed' AND indexed_at = @stamp FOR NO KEY UPDATE", transaction)
            .With("id", documentId)
            .With("stamp", ParseStamp(stamp), NpgsqlDbType.TimestampTz);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>
    /// Gives the document its state and a new version, last in its transaction: the version lock is taken only now (after
    /// the document's row lock, in the same order as the removal trigger takes them) and held for the upsert and the commit.
    /// </summary>
    private async Task UpsertStateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string documentId, string stamp, string model,
        int dimensions, int count, string status, string? reason, CancellationToken cancellationToken)
    {
        await using (var command = Command(connection, $"SELECT pg_advisory_xact_lock({PassageSchema.PostgresVersionLock})", transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var upsert = Command(connection,
            """
            INSERT INTO embeddings (document_id, indexed_at, model, dimensions, passages, status, failure_reason, version, embedded_at)
            VALUES (@id, @stamp, @model, @dimensions, @count, @status, @reason, nextval('embeddings_version'), @now)
            ON CONFLICT (document_id) DO UPDATE SET
                indexed_at = excluded.indexed_at, model = excluded.model, dimensions = excluded.dimensions, passages = excluded.passages,
                status = excluded.status, failure_reason = excluded.failure_reason, version = excluded.version, embedded_at = excluded.embedded_at
            """, transaction)
            .With("id", documentId)
            .With("stamp", ParseStamp(stamp), NpgsqlDbType.TimestampTz)
            .With("model", model)
            .With("dimensions", dimensions, NpgsqlDbType.Integer)
            .With("count", count, NpgsqlDbType.Integer)
            .With("status", status)
            .With("reason", reason)
            .With("now", clock.GetUtcNow().UtcDateTime, NpgsqlDbType.TimestampTz);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Stamp(DateTime indexedAt) => DateTime.SpecifyKind(indexedAt, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    private static DateTime ParseStamp(string stamp) =>
        DateTime.Parse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, NpgsqlTransaction transaction) => new(sql, connection, transaction);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
