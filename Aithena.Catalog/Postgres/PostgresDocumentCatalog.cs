using Npgsql;
using NpgsqlTypes;

namespace Aithena.Catalog;

/// <summary>
/// Reads and writes the <c>documents</c> and <c>pages</c> tables in PostgreSQL: the same statements as
/// <see cref="SqliteDocumentCatalog"/>, each write one short transaction, safe beside services on other machines.
/// </summary>
public sealed class PostgresDocumentCatalog(NpgsqlDataSource dataSource, TimeProvider clock) : IDocumentCatalog
{
    public async Task<DocumentRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {DocumentRows.Columns} FROM documents WHERE id = @id").With("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DocumentRows.Read(reader) : null;
    }

    public async Task<DocumentRecord?> FindByContentAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindByContentAsync(connection, null, contentHash, cancellationToken);
    }

    private static async Task<DocumentRecord?> FindByContentAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string contentHash, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""SELECT {DocumentRows.Columns} FROM documents WHERE content_hash = @hash AND status IN ('queued', 'indexed') ORDER BY path COLLATE "C" LIMIT 1""",
            connection, transaction)
            .With("hash", contentHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DocumentRows.Read(reader) : null;
    }

    public async Task<(IReadOnlyList<DocumentRecord> Items, int Total)> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        const string filter = "(@status::text IS NULL OR status = @status::text)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM documents WHERE {filter}", connection).With("status", status);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await using var command = new NpgsqlCommand(
            $"""SELECT {DocumentRows.Columns} FROM documents WHERE {filter} ORDER BY path COLLATE "C" LIMIT @limit OFFSET @offset""", connection)
            .With("status", status).With("limit", pageSize).With("offset", CatalogSearch.Offset(page, pageSize));
        var items = new List<DocumentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(DocumentRows.Read(reader));
        }

        return (items, total);
    }

    public async Task<Dictionary<string, FileState>> GetFileStatesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT path, id, size, modified_at, status FROM documents WHERE status <> 'removed'");
        var states = new Dictionary<string, FileState>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[reader.GetString(0)] = new FileState(reader.GetString(1), reader.GetInt64(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4));
        }

        return states;
    }

    public async Task MarkQueuedAsync(IReadOnlyCollection<QueuedFile> files, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One round trip for the whole batch; one statement per file, so a file listed twice is two updates, not an error.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var now = clock.GetUtcNow();
        foreach (var file in files)
        {
            var command = new NpgsqlBatchCommand(
                """
                INSERT INTO documents (id, path, file_name, size, modified_at, content_hash, status, source, queued_at, updated_at, uploaded_by)
                VALUES (@id, @path, @name, @size, @modified, @hash, 'queued', @source, @queued, @now, @by)
                ON CONFLICT (id) DO UPDATE SET
                    size = excluded.size, modified_at = excluded.modified_at,
                    content_hash = COALESCE(excluded.content_hash, documents.content_hash),
                    status = 'queued', failure_reason = NULL, source = excluded.source, uploaded_by = COALESCE(documents.uploaded_by, excluded.uploaded_by),
                    queued_at = excluded.queued_at, updated_at = excluded.updated_at
                WHERE documents.updated_at < excluded.queued_at
                """);
            AddFile(command.Parameters, file);
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.ToUniversalTime() });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Reservation> TryReserveAsync(QueuedFile file, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (file.ContentHash is { } hash)
        {
            // A lock on the hash until commit: a second upload of the same bytes waits here, then finds this one's row
            // (each statement of READ COMMITTED sees what committed before it began).
            await using (var claim = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@hash, 0))", connection, transaction).With("hash", hash))
            {
                await claim.ExecuteNonQueryAsync(cancellationToken);
            }

            if (await FindByContentAsync(connection, transaction, hash, cancellationToken) is { } same)
            {
                return new Reservation(false, same);
            }
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO documents (id, path, file_name, size, modified_at, content_hash, status, source, queued_at, updated_at, uploaded_by)
            VALUES (@id, @path, @name, @size, @modified, @hash, 'queued', @source, @queued, @queued, @by)
            ON CONFLICT (id) DO UPDATE SET uploaded_by = excluded.uploaded_by,
                size = excluded.size, modified_at = excluded.modified_at, content_hash = excluded.content_hash,
                title = NULL, author = NULL, year = NULL, category = NULL, language = NULL, page_count = NULL, textless_pages = NULL, text_length = NULL,
                status = 'queued', failure_reason = NULL, source = excluded.source, queued_at = excluded.queued_at,
                indexed_at = NULL, updated_at = excluded.updated_at
            WHERE documents.status = 'removed'
            """, connection, transaction);
        AddFile(command.Parameters, file);
        var reserved = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return new Reservation(reserved, null);
    }

    public async Task ForgetQueuedAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM documents WHERE id = @id AND status = 'queued'").With("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveIndexedAsync(IndexedDocument document, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var m = document.Metadata;
        await using (var upsert = new NpgsqlCommand(
            """
            INSERT INTO documents (id, path, file_name, size, modified_at, content_hash, title, author, year, category, language,
                                   page_count, textless_pages, text_length, status, failure_reason, source, queued_at, indexed_at, updated_at)
            VALUES (@id, @path, @name, @size, @modified, @hash, @title, @author, @year, @category, @language,
                    @pages, @textless, @textLength, 'indexed', NULL, @source, @queued, @now, @now)
            ON CONFLICT (id) DO UPDATE SET
                size = excluded.size, modified_at = excluded.modified_at, content_hash = excluded.content_hash,
                title = excluded.title, author = excluded.author, year = excluded.year, category = excluded.category,
                language = excluded.language, page_count = excluded.page_count, textless_pages = excluded.textless_pages,
                text_length = excluded.text_length, status = 'indexed', failure_reason = NULL,
                source = COALESCE(documents.source, excluded.source), queued_at = COALESCE(documents.queued_at, excluded.queued_at),
                indexed_at = excluded.indexed_at, updated_at = excluded.updated_at
            """, connection, transaction))
        {
            upsert.With("id", document.Id).With("path", document.Path).With("name", DisplayName.OfPath(document.Path))
                .With("size", document.Size).With("modified", document.ModifiedAt.ToUnixTimeMilliseconds()).With("hash", document.ContentHash)
                .With("title", m.Title).With("author", m.Author).With("year", m.Year).With("category", m.Category)
                .With("language", m.Language).With("pages", document.Pages.Count).With("textless", document.TextlessPages.Count)
                .With("textLength", document.TextLength).With("source", document.Source?.ToName())
                .With("queued", document.QueuedAt).With("now", now);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await PostgresMetadataCorrections.ReapplyAsync(connection, transaction, document.Id, cancellationToken); // a librarian's corrections win over extraction
        await using (var delete = new NpgsqlCommand("DELETE FROM pages WHERE document_id = @id", connection, transaction).With("id", document.Id))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        // Every page in one statement: arrays unnested server-side, one round trip however long the document.
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO pages (document_id, page, text, cjk)
            SELECT @id, p.page, p.text, p.cjk FROM unnest(@numbers, @texts, @cjks) AS p (page, text, cjk)
            """, connection, transaction))
        {
            insert.With("id", document.Id)
                .With("numbers", Enumerable.Range(1, document.Pages.Count).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer)
                .With("texts", document.Pages.Select(PostgresExtensions.Clean).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                .With("cjks", document.Pages.Select(p => PostgresExtensions.Clean(CjkText.Bigrams(p))).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task MarkFailedAsync(string id, string path, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            """
            INSERT INTO documents (id, path, file_name, size, modified_at, status, failure_reason, updated_at)
            VALUES (@id, @path, @name, 0, 0, 'failed', @reason, @now)
            ON CONFLICT (id) DO UPDATE SET status = 'failed', failure_reason = excluded.failure_reason, updated_at = excluded.updated_at
            """, connection, transaction))
        {
            command.With("id", id).With("path", path).With("name", DisplayName.OfPath(path))
                .With("reason", reason).With("now", clock.GetUtcNow());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM pages WHERE document_id = @id", connection, transaction).With("id", id))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> MarkRemovedAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int changed;
        await using (var update = new NpgsqlCommand(
            "UPDATE documents SET status = 'removed', failure_reason = NULL, updated_at = @now WHERE id = @id", connection, transaction)
            .With("id", id).With("now", clock.GetUtcNow()))
        {
            changed = await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM pages WHERE document_id = @id", connection, transaction).With("id", id))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed > 0;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        // Answered from ix_documents_status alone (an index-only scan once the table is vacuumed).
        await using var command = dataSource.CreateCommand("SELECT status, COUNT(*) FROM documents GROUP BY status");
        return await DocumentRows.ReadCountsAsync(await command.ExecuteReaderAsync(cancellationToken), cancellationToken);
    }

    public async Task<int> CountPagesAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT COUNT(*) FROM pages WHERE document_id = @id").With("id", id);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddFile(NpgsqlParameterCollection parameters, QueuedFile file)
    {
        parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = file.Id });
        parameters.Add(new NpgsqlParameter("path", NpgsqlDbType.Text) { Value = PostgresExtensions.Clean(file.Path) });
        parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = PostgresExtensions.Clean(DisplayName.OfPath(file.Path)) });
        parameters.Add(new NpgsqlParameter("size", NpgsqlDbType.Bigint) { Value = file.Size });
        parameters.Add(new NpgsqlParameter("modified", NpgsqlDbType.Bigint) { Value = file.ModifiedAt.ToUnixTimeMilliseconds() });
        parameters.Add(new NpgsqlParameter("hash", NpgsqlDbType.Text) { Value = (object?)file.ContentHash ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = file.Source.ToName() });
        parameters.Add(new NpgsqlParameter("queued", NpgsqlDbType.TimestampTz) { Value = file.QueuedAt.ToUniversalTime() });
        parameters.Add(new NpgsqlParameter("by", NpgsqlDbType.Text) { Value = (object?)file.UploadedBy ?? DBNull.Value });
    }
}
