using Npgsql;
using NpgsqlTypes;

namespace Aithena.Catalog;

/// <summary>
/// <see cref="IOcrCatalog"/> in PostgreSQL: a page's <c>tsv</c> is a generated column, so updating its text re-indexes it
/// in the same statement.
/// </summary>
public sealed class PostgresOcrCatalog(NpgsqlDataSource dataSource, TimeProvider clock) : IOcrCatalog
{
    private const string Pending = "document_id = @id AND page = @page AND request = @request AND status = 'pending'";

    public async Task<bool> MarkPendingAsync(string id, string contentHash, Guid request, IReadOnlyCollection<int> pages, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var mark = new NpgsqlCommand(
            "UPDATE documents SET ocr = 'pending', ocr_pages = 0, ocr_failure = NULL WHERE id = @id AND status = 'indexed' AND content_hash = @hash",
            connection, transaction).With("id", id).With("hash", contentHash))
        {
            if (await mark.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await using (var replace = new NpgsqlCommand(
            """
            DELETE FROM ocr_pages WHERE document_id = @id;
            INSERT INTO ocr_pages (document_id, page, request, status) SELECT @id, p, @request, 'pending' FROM unnest(@pages) AS p;
            """, connection, transaction))
        {
            replace.With("id", id).With("request", request.ToString()).With("pages", pages.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            await replace.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<int>> PendingPagesAsync(string id, Guid request, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT o.page FROM ocr_pages o JOIN documents d ON d.id = o.document_id
            WHERE o.document_id = @id AND o.request = @request AND o.status = 'pending' AND d.status = 'indexed'
            ORDER BY o.page
            """).With("id", id).With("request", request.ToString());
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var mark = new NpgsqlCommand($"UPDATE ocr_pages SET status = 'done', reason = NULL WHERE {Pending}", connection, transaction)
                         .With("id", id).With("page", page).With("request", request.ToString()))
        {
            if (await mark.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await using (var write = new NpgsqlCommand(
            $"""
            UPDATE pages SET text = @text, cjk = @cjk WHERE document_id = @id AND page = @page;
            UPDATE documents SET text_length = COALESCE(text_length, 0) + @length, indexed_at = @now, updated_at = @now WHERE id = @id;
            {OcrSchema.Summary('@')};
            """, connection, transaction))
        {
            write.With("id", id).With("page", page).With("text", text).With("cjk", PostgresExtensions.Clean(CjkText.Bigrams(text)))
                .With("length", (long)text.Length).With("now", clock.GetUtcNow());
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> FailPageAsync(string id, Guid request, int page, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int marked;
        await using (var mark = new NpgsqlCommand($"UPDATE ocr_pages SET status = 'failed', reason = @reason WHERE {Pending}", connection, transaction)
                         .With("id", id).With("page", page).With("request", request.ToString()).With("reason", reason))
        {
            marked = await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        if (marked > 0)
        {
            await using var summary = new NpgsqlCommand(OcrSchema.Summary('@'), connection, transaction).With("id", id);
            await summary.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return marked > 0;
    }

    public async Task FailPendingAsync(string id, Guid request, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var mark = new NpgsqlCommand(
            $"""
            UPDATE ocr_pages SET status = 'failed', reason = @reason WHERE document_id = @id AND request = @request AND status = 'pending';
            {OcrSchema.Summary('@')};
            """, connection, transaction).With("id", id).With("request", request.ToString()).With("reason", reason))
        {
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
