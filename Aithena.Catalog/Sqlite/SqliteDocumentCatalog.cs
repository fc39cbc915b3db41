using Aithena.Contracts;
using Microsoft.Data.Sqlite;

namespace Aithena.Catalog;

/// <summary>
/// Reads and writes the <c>documents</c> and <c>pages</c> tables in SQLite. Every write is one short
/// immediate transaction, so concurrent writers in other processes wait on the busy timeout
/// rather than deadlock on a lock upgrade.
/// </summary>
public sealed class SqliteDocumentCatalog(SqliteCatalogDatabase database, TimeProvider clock) : IDocumentCatalog
{
    public async Task<DocumentRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {DocumentRows.Columns} FROM documents WHERE id = $id").With("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DocumentRows.Read(reader) : null;
    }

    /// <summary>A live (queued or indexed) document with exactly these bytes, if the library has one.</summary>
    public async Task<DocumentRecord?> FindByContentAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindByContentAsync(connection, null, contentHash, cancellationToken);
    }

    private static async Task<DocumentRecord?> FindByContentAsync(SqliteConnection connection, SqliteTransaction? transaction, string contentHash, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"SELECT {DocumentRows.Columns} FROM documents WHERE content_hash = $hash AND status IN ('queued', 'indexed') ORDER BY path LIMIT 1", transaction)
            .With("$hash", contentHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DocumentRows.Read(reader) : null;
    }

    public async Task<(IReadOnlyList<DocumentRecord> Items, int Total)> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        const string filter = "($status IS NULL OR status = $status)";
        await using var count = connection.Command($"SELECT COUNT(*) FROM documents WHERE {filter}").With("$status", status);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await using var command = connection.Command($"SELECT {DocumentRows.Columns} FROM documents WHERE {filter} ORDER BY path LIMIT $limit OFFSET $offset")
            .With("$status", status).With("$limit", pageSize).With("$offset", CatalogSearch.Offset(page, pageSize));
        var items = new List<DocumentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(DocumentRows.Read(reader));
        }

        return (items, total);
    }

    /// <summary>Path → state of every document that is not removed: what the Lister compares the folder with.</summary>
    public async Task<Dictionary<string, FileState>> GetFileStatesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT path, id, size, modified_at, status FROM documents WHERE status <> 'removed'");
        var states = new Dictionary<string, FileState>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[reader.GetString(0)] = new FileState(reader.GetString(1), reader.GetInt64(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4));
        }

        return states;
    }

    /// <summary>
    /// Records files as <c>queued</c>, keeping what an earlier indexing found until it is replaced. The Lister calls
    /// this after the broker confirmed the commands, so an Indexer may already have handled one of them: a row written
    /// after the command was queued is newer than this news and is left as it is.
    /// </summary>
    public async Task MarkQueuedAsync(IReadOnlyCollection<QueuedFile> files, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.Command(
            """
            INSERT INTO documents (id, path, file_name, size, modified_at, content_hash, status, source, queued_at, updated_at, uploaded_by)
            VALUES ($id, $path, $name, $size, $modified, $hash, 'queued', $source, $queued, $now, $by)
            ON CONFLICT (id) DO UPDATE SET
                size = excluded.size, modified_at = excluded.modified_at,
                content_hash = COALESCE(excluded.content_hash, content_hash),
                status = 'queued', failure_reason = NULL, source = excluded.source, uploaded_by = COALESCE(uploaded_by, excluded.uploaded_by),
                queued_at = excluded.queued_at, updated_at = excluded.updated_at
            WHERE documents.updated_at < excluded.queued_at
            """, transaction);
        var now = clock.GetUtcNow().ToDb();
        foreach (var file in files)
        {
            command.Parameters.Clear();
            command.With("$id", file.Id).With("$path", file.Path).With("$name", DisplayName.OfPath(file.Path))
                .With("$size", file.Size).With("$modified", file.ModifiedAt.ToUnixMs()).With("$hash", file.ContentHash)
                .With("$source", file.Source.ToName()).With("$queued", file.QueuedAt.ToDb()).With("$now", now).With("$by", file.UploadedBy);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Claims a path for a new upload: true when the row was written, false when a live document already
    /// holds the path (a removed one may be replaced).
    /// </summary>
    public async Task<Reservation> TryReserveAsync(QueuedFile file, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock is taken first, so the look for the same
        // bytes and the insert are one claim that the next upload waits for.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (file.ContentHash is { } hash && await FindByContentAsync(connection, transaction, hash, cancellationToken) is { } same)
        {
            return new Reservation(false, same);
        }

        await using var command = connection.Command(
            """
            INSERT INTO documents (id, path, file_name, size, modified_at, content_hash, status, source, queued_at, updated_at, uploaded_by)
            VALUES ($id, $path, $name, $size, $modified, $hash, 'queued', $source, $queued, $queued, $by)
            ON CONFLICT (id) DO UPDATE SET uploaded_by = excluded.uploaded_by,
                size = excluded.size, modified_at = excluded.modified_at, content_hash = excluded.content_hash,
                title = NULL, author = NULL, year = NULL, category = NULL, language = NULL, page_count = NULL, textless_pages = NULL, text_length = NULL,
                status = 'queued', failure_reason = NULL, source = excluded.source, queued_at = excluded.queued_at,
                indexed_at = NULL, updated_at = excluded.updated_at
            WHERE documents.status = 'removed'
            """, transaction)
            .With("$id", file.Id).With("$path", file.Path).With("$name", DisplayName.OfPath(file.Path))
            .With("$size", file.Size).With("$modified", file.ModifiedAt.ToUnixMs()).With("$hash", file.ContentHash)
            .With("$source", file.Source.ToName()).With("$queued", file.QueuedAt.ToDb()).With("$by", file.UploadedBy);
        var reserved = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return new Reservation(reserved, null);
    }

    /// <summary>Undoes an upload whose command was never confirmed: the row goes, unless something indexed it meanwhile.</summary>
    public async Task ForgetQueuedAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM documents WHERE id = $id AND status = 'queued'").With("$id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces a document's metadata and page text in one transaction: indexing the same file twice,
    /// or a redelivered message, leaves exactly one set of rows.
    /// </summary>
    public async Task SaveIndexedAsync(IndexedDocument document, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().ToDb();
        await using (var upsert = connection.Command(
            """
            INSERT INTO documents (id, path, file_name, size, modified_at, content_hash, title, author, year, category, language,
                                   page_count, textless_pages, text_length, status, failure_reason, source, queued_at, indexed_at, updated_at)
            VALUES ($id, $path, $name, $size, $modified, $hash, $title, $author, $year, $category, $language,
                    $pages, $textless, $textLength, 'indexed', NULL, $source, $queued, $now, $now)
            ON CONFLICT (id) DO UPDATE SET
                size = excluded.size, modified_at = excluded.modified_at, content_hash = excluded.content_hash,
                title = excluded.title, author = excluded.author, year = excluded.year, category = excluded.category,
                language = excluded.language, page_count = excluded.page_count, textless_pages = excluded.textless_pages, text_length = excluded.text_length, status = 'indexed', failure_reason = NULL,
                source = COALESCE(source, excluded.source), queued_at = COALESCE(queued_at, excluded.queued_at),
                indexed_at = excluded.indexed_at, updated_at = excluded.updated_at
            """, transaction))
        {
            var m = document.Metadata;
            upsert.With("$id", document.Id).With("$path", document.Path).With("$name", DisplayName.OfPath(document.Path))
                .With("$size", document.Size).With("$modified", document.ModifiedAt.ToUnixMs()).With("$hash", document.ContentHash)
                .With("$title", m.Title).With("$author", m.Author).With("$year", m.Year).With("$category", m.Category)
                .With("$language", m.Language).With("$pages", document.Pages.Count).With("$textless", document.TextlessPages.Count).With("$textLength", document.TextLength).With("$source", document.Source?.ToName())
                .With("$queued", document.QueuedAt?.ToDb()).With("$now", now);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await SqliteMetadataCorrections.ReapplyAsync(connection, transaction, document.Id, cancellationToken); // a librarian's corrections win over extraction
        await connection.ExecuteAsync("DELETE FROM pages WHERE document_id = $id", cancellationToken, transaction, ("$id", document.Id));
        await using (var insert = connection.Command("INSERT INTO pages (document_id, page, text, cjk) VALUES ($id, $page, $text, $cjk)", transaction))
        {
            var id = insert.Parameters.AddWithValue("$id", document.Id);
            var page = insert.Parameters.Add("$page", SqliteType.Integer);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            var cjk = insert.Parameters.Add("$cjk", SqliteType.Text);
            for (var i = 0; i < document.Pages.Count; i++)
            {
                page.Value = i + 1;
                text.Value = document.Pages[i];
                cjk.Value = (object?)CjkText.Bigrams(document.Pages[i]) ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records why a document cannot be indexed; its old text (if any) leaves the index.</summary>
    public async Task MarkFailedAsync(string id, string path, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.Command(
            """
            INSERT INTO documents (id, path, file_name, size, modified_at, status, failure_reason, updated_at)
            VALUES ($id, $path, $name, 0, 0, 'failed', $reason, $now)
            ON CONFLICT (id) DO UPDATE SET status = 'failed', failure_reason = excluded.failure_reason, updated_at = excluded.updated_at
            """, transaction))
        {
            command.With("$id", id).With("$path", path).With("$name", DisplayName.OfPath(path))
                .With("$reason", reason).With("$now", clock.GetUtcNow().ToDb());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await connection.ExecuteAsync("DELETE FROM pages WHERE document_id = $id", cancellationToken, transaction, ("$id", id));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Takes a document out of the index and marks it <c>removed</c>. Returns false when the catalog never knew it.</summary>
    public async Task<bool> MarkRemovedAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(
            "UPDATE documents SET status = 'removed', failure_reason = NULL, updated_at = $now WHERE id = $id",
            cancellationToken, transaction, ("$id", id), ("$now", clock.GetUtcNow().ToDb()));
        await connection.ExecuteAsync("DELETE FROM pages WHERE document_id = $id", cancellationToken, transaction, ("$id", id));
        await transaction.CommitAsync(cancellationToken);
        return changed > 0;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Answered from ix_documents_status alone.
        await using var command = connection.Command("SELECT status, COUNT(*) FROM documents GROUP BY status");
        return await DocumentRows.ReadCountsAsync(await command.ExecuteReaderAsync(cancellationToken), cancellationToken);
    }

    /// <summary>How many page rows a document has: lets tests prove that re-indexing leaves no duplicates.</summary>
    public async Task<int> CountPagesAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*) FROM pages WHERE document_id = $id").With("$id", id);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
