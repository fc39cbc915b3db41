using Microsoft.Data.Sqlite;

namespace Aithena.Catalog;

/// <summary>
/// <see cref="IOcrCatalog"/> in SQLite. The full-text index has triggers for inserted and deleted pages only, so a
/// recognised page is re-indexed here by hand in the same transaction: the old text leaves <c>pages_fts</c> ('delete'
/// with the old values, as external-content FTS5 requires), the row is updated, the new text goes in.
/// </summary>
public sealed class SqliteOcrCatalog(SqliteCatalogDatabase database, TimeProvider clock) : IOcrCatalog
{
    private const string Pending = "document_id = $id AND page = $page AND request = $request AND status = 'pending'";

    public async Task<bool> MarkPendingAsync(string id, string contentHash, Guid request, IReadOnlyCollection<int> pages, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var live = await connection.ExecuteAsync(
            "UPDATE documents SET ocr = 'pending', ocr_pages = 0, ocr_failure = NULL WHERE id = $id AND status = 'indexed' AND content_hash = $hash",
            cancellationToken, transaction, ("$id", id), ("$hash", contentHash));
        if (live == 0)
        {
            return false;
        }

        await connection.ExecuteAsync("DELETE FROM ocr_pages WHERE document_id = $id", cancellationToken, transaction, ("$id", id));
        await using (var insert = connection.Command("INSERT INTO ocr_pages (document_id, page, request, status) VALUES ($id, $page, $request, 'pending')", transaction))
        {
            insert.With("$id", id).With("$request", request.ToString());
            var page = insert.Parameters.Add("$page", SqliteType.Integer);
            foreach (var number in pages)
            {
                page.Value = number;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<int>> PendingPagesAsync(string id, Guid request, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT o.page FROM ocr_pages o JOIN documents d ON d.id = o.document_id
            WHERE o.document_id = $id AND o.request = $request AND o.status = 'pending' AND d.status = 'indexed'
            ORDER BY o.page
            """).With("$id", id).With("$request", request.ToString());
        var pages = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pages.Add(reader.GetInt32(0));
        }

        return pages;
    }

    public async Task<bool> SavePageAsync(string id, Guid request, int page, string text, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        (string Name, object? Value)[] key = [("$id", id), ("$page", page), ("$request", request.ToString())];
        var marked = await connection.ExecuteAsync($"UPDATE ocr_pages SET status = 'done', reason = NULL WHERE {Pending}", cancellationToken, transaction, key);
        if (marked == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO pages_fts (pages_fts, rowid, text, cjk)
            SELECT 'delete', id, text, cjk FROM pages WHERE document_id = $id AND page = $page
            """, cancellationToken, transaction, ("$id", id), ("$page", page));
        await connection.ExecuteAsync("UPDATE pages SET text = $text, cjk = $cjk WHERE document_id = $id AND page = $page",
            cancellationToken, transaction, ("$id", id), ("$page", page), ("$text", text), ("$cjk", CjkText.Bigrams(text)));
        await connection.ExecuteAsync(
            """
            INSERT INTO pages_fts (rowid, text, cjk)
            SELECT id, text, cjk FROM pages WHERE document_id = $id AND page = $page
            """, cancellationToken, transaction, ("$id", id), ("$page", page));
        var now = clock.GetUtcNow().ToDb();
        await connection.ExecuteAsync(
            "UPDATE documents SET text_length = COALESCE(text_length, 0) + $length, indexed_at = $now, updated_at = $now WHERE id = $id",
            cancellationToken, transaction, ("$id", id), ("$length", text.Length), ("$now", now));
        await connection.ExecuteAsync(OcrSchema.Summary('$'), cancellationToken, transaction, ("$id", id));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> FailPageAsync(string id, Guid request, int page, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var marked = await connection.ExecuteAsync($"UPDATE ocr_pages SET status = 'failed', reason = $reason WHERE {Pending}",
            cancellationToken, transaction, ("$id", id), ("$page", page), ("$request", request.ToString()), ("$reason", reason));
        if (marked > 0)
        {
            await connection.ExecuteAsync(OcrSchema.Summary('$'), cancellationToken, transaction, ("$id", id));
        }

        await transaction.CommitAsync(cancellationToken);
        return marked > 0;
    }

    public async Task FailPendingAsync(string id, Guid request, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var marked = await connection.ExecuteAsync(
            "UPDATE ocr_pages SET status = 'failed', reason = $reason WHERE document_id = $id AND request = $request AND status = 'pending'",
            cancellationToken, transaction, ("$id", id), ("$request", request.ToString()), ("$reason", reason));
        if (marked > 0)
        {
            await connection.ExecuteAsync(OcrSchema.Summary('$'), cancellationToken, transaction, ("$id", id));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
