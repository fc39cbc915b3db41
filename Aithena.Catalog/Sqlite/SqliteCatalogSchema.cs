using Microsoft.Data.Sqlite;

namespace Aithena.Catalog;

/// <summary>
/// The schema, migrated by version (<c>PRAGMA user_version</c>) inside one immediate transaction,
/// so several processes starting at once apply each step exactly once.
/// </summary>
public sealed class SqliteCatalogSchema(SqliteCatalogDatabase database) : ICatalogSchema
{
    /// <summary>Each entry takes the schema from version <c>index</c> to <c>index + 1</c>. Append; never edit.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE documents (
            id             TEXT PRIMARY KEY,
            path           TEXT NOT NULL UNIQUE,
            file_name      TEXT NOT NULL,
            size           INTEGER NOT NULL,
            modified_at    INTEGER NOT NULL,            -- unix ms, UTC
            content_hash   TEXT,
            title          TEXT,
            author         TEXT,
            year           INTEGER,
            category       TEXT,
            language       TEXT,
            page_count     INTEGER,
            status         TEXT NOT NULL CHECK (status IN ('queued', 'indexed', 'failed', 'removed')),
            failure_reason TEXT,
            source         TEXT,
            queued_at      TEXT,
            indexed_at     TEXT,
            updated_at     TEXT NOT NULL
        );
        CREATE INDEX ix_documents_status ON documents (status, path);
        CREATE INDEX ix_documents_hash ON documents (content_hash);

        CREATE TABLE pages (
            id          INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            page        INTEGER NOT NULL,
            text        TEXT NOT NULL
        );
        CREATE INDEX ix_pages_document ON pages (document_id, page);

        -- External-content FTS5 index over pages.text: one row per page, so a hit knows its page.
        -- unicode61 with remove_diacritics 2 folds "é" to "e" for every script it knows.
        CREATE VIRTUAL TABLE pages_fts USING fts5 (
            text,
            content = 'pages',
            content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER pages_ai AFTER INSERT ON pages BEGIN
            INSERT INTO pages_fts (rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER pages_ad AFTER DELETE ON pages BEGIN
            INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        """,
        // Pages with no text layer (scans) and how much text was found, counted when a document is indexed, so the
        // library can show what was not searchable instead of an "indexed" document with nothing in it. NULL until indexed.
        """
        ALTER TABLE documents ADD COLUMN textless_pages INTEGER;
        ALTER TABLE documents ADD COLUMN text_length INTEGER;
        """,
        // CJK text (Chinese, Japanese, Korean) has no spaces between words: each page's CJK runs are also indexed as
        // character bigrams (CjkText) in a second column of the full-text index. Pages indexed before keep working
        // for every other script; re-indexing them makes their CJK words searchable. The title index lets a search
        // without words page through the library in title order without sorting it.
        """
        ALTER TABLE pages ADD COLUMN cjk TEXT;
        DROP TRIGGER pages_ai;
        DROP TRIGGER pages_ad;
        DROP TABLE pages_fts;
        CREATE VIRTUAL TABLE pages_fts USING fts5 (
            text,
            cjk,
            content = 'pages',
            content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER pages_ai AFTER INSERT ON pages BEGIN
            INSERT INTO pages_fts (rowid, text, cjk) VALUES (new.id, new.text, new.cjk);
        END;
        CREATE TRIGGER pages_ad AFTER DELETE ON pages BEGIN
            INSERT INTO pages_fts (pages_fts, rowid, text, cjk) VALUES ('delete', old.id, old.text, old.cjk);
        END;
        INSERT INTO pages_fts (pages_fts) VALUES ('rebuild');
        CREATE INDEX ix_documents_title ON documents (status, COALESCE(title, file_name) COLLATE NOCASE, path);
        """,
        // A search filtered by author or year starts from these documents (SqliteCatalogSearch), not from every page of its words.
        """
        CREATE INDEX ix_documents_author ON documents (author COLLATE NOCASE);
        CREATE INDEX ix_documents_year ON documents (year);
        """,
        // Passages and their embedding vectors, for semantic search.
        PassageSchema.SqliteMigration,
        // A search reads, for each of up to thousands of matching pages, its document and page number and that
        // document's status and filter columns: these covering indexes answer both from a few dense index pages instead
        // of one table page (holding a page's whole text) per match. SqliteCatalogSearch names them with INDEXED BY,
        // as the planner prefers the primary key. At a million pages a filtered search went from 38 to 10 ms.
        """
        CREATE INDEX ix_pages_id_document ON pages (id, document_id, page);
        CREATE INDEX ix_documents_id_filters ON documents (id, status, author, category, year, language);
        """,
        // Users, personal tokens, and who uploaded each document.
        AccountsSchema.SqliteMigration,
        // Text recognition of scanned pages.
        OcrSchema.SqliteMigration,
        MetadataCorrectionSchema.SqliteMigration, // metadata corrected by librarians, kept apart from what extraction found
        // Collections and tags that librarians make, and the documents in them.
        DocumentGroupSchema.SqliteMigration,
    ];

    public static int Version => Migrations.Length;

    public CatalogEngine Engine => CatalogEngine.Sqlite;

    public int CurrentVersion => Version;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await MigrateAsync(connection, cancellationToken);
    }

    public async Task<int> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetVersionAsync(connection, null, cancellationToken);
    }

    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        // WAL is a property of the database file; it must be set outside a transaction.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;", cancellationToken);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var version = await GetVersionAsync(connection, transaction, cancellationToken);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The catalog's schema is version {version}, newer than this build understands ({Migrations.Length}). Update Aithena.");
        }

        for (var step = version; step < Migrations.Length; step++)
        {
            await connection.ExecuteAsync(Migrations[step], cancellationToken, transaction);
            await connection.ExecuteAsync($"PRAGMA user_version = {step + 1};", cancellationToken, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<int> GetVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("PRAGMA user_version;", transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
