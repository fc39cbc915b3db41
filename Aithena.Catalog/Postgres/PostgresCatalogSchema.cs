using Npgsql;

namespace Aithena.Catalog;

/// <summary>
/// The schema in PostgreSQL, migrated by version (the table <c>catalog_schema</c>) inside one transaction that first
/// takes a transaction-scoped advisory lock: several services starting at once apply each step exactly once, and DDL
/// being transactional in PostgreSQL, a step that fails leaves nothing half done.
/// </summary>
/// <remarks>
/// Text search uses the configuration <c>aithena</c>: PostgreSQL's <c>simple</c> (lower-case, no stemming, no stop words)
/// with <c>unaccent</c> in front of it. The library mixes languages, often within one document, and its language metadata
/// comes from folder names when at all; a language's stemmer applied to another language's text (or a stop-word list
/// that drops "die" from a German query) loses matches, while <c>simple</c> finds exactly the words written, in every
/// script, which is also what SQLite's <c>unicode61 remove_diacritics 2</c> does: the two engines agree on what matches.
/// </remarks>
public sealed class PostgresCatalogSchema(NpgsqlDataSource dataSource) : ICatalogSchema
{
    /// <summary>"Aithena" as a number: the advisory lock every migrating process queues on.</summary>
    private const long MigrationLock = 0x4169_7468_656E_61;

    /// <summary>
    /// A page's text is indexed up to this many characters: a tsvector holds at most 1 MB, and one pathological page
    /// must not make its whole document fail. Real pages are a few thousand characters.
    /// </summary>
    public const int MaxIndexedPageLength = 250_000;

    /// <summary>Each entry takes the schema from version <c>index</c> to <c>index + 1</c>. Append; never edit.</summary>
    private static readonly string[] Migrations =
    [
        $"""
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE TEXT SEARCH CONFIGURATION aithena (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION aithena ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple;

        CREATE TABLE documents (
            id             text PRIMARY KEY,
            path           text NOT NULL UNIQUE,
            file_name      text NOT NULL,
            size           bigint NOT NULL,
            modified_at    bigint NOT NULL,            -- unix ms, UTC
            content_hash   text,
            title          text,
            author         text,
            year           integer,
            category       text,
            language       text,
            page_count     integer,
            textless_pages integer,
            text_length    bigint,
            status         text NOT NULL CHECK (status IN ('queued', 'indexed', 'failed', 'removed')),
            failure_reason text,
            source         text,
            queued_at      timestamptz,
            indexed_at     timestamptz,
            updated_at     timestamptz NOT NULL
        );
        CREATE INDEX ix_documents_status ON documents (status, path COLLATE "C");
        CREATE INDEX ix_documents_hash ON documents (content_hash);
        CREATE INDEX ix_documents_title ON documents (status, lower(COALESCE(title, file_name)) COLLATE "C", path COLLATE "C");

        -- One tsvector per page (a tsvector is limited to 1 MB; a document's would not fit), its CJK bigrams
        -- (CjkText) added after the words, and a GIN index over it.
        CREATE TABLE pages (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            page        integer NOT NULL,
            text        text NOT NULL,
            cjk         text,
            tsv         tsvector GENERATED ALWAYS AS (
                            to_tsvector('aithena', left(text, {MaxIndexedPageLength})) || to_tsvector('aithena', COALESCE(cjk, ''))) STORED
        );
        CREATE INDEX ix_pages_document ON pages (document_id, page);
        CREATE INDEX ix_pages_tsv ON pages USING gin (tsv);
        """,
        // Filters the planner can answer from an index when they are selective (an author, a year).
        """
        CREATE INDEX ix_documents_author ON documents (lower(author));
        CREATE INDEX ix_documents_year ON documents (year);
        """,
        // Passages and their embedding vectors, for semantic search.
        PassageSchema.PostgresMigration,
        // Each page's tsvector stays in its row, compressed if it must be, while the page's text moves out to the TOAST
        // table first: a page of ~1 KB of text has a ~2 KB tsvector, the row passes PostgreSQL's 2 KB limit, and by
        // default the larger value, the tsvector, went out, so every ranked or phrase-checked match cost a TOAST lookup
        // (a phrase of two common words at 1M pages: 30,000 of them). Text is read only for the snippets of the shown
        // hits. The setting applies to pages written from now on; `VACUUM FULL pages` applies it to the older ones.
        """
        ALTER TABLE pages ALTER COLUMN tsv SET STORAGE MAIN;
        """,
        // Users, personal tokens, and who uploaded each document.
        AccountsSchema.PostgresMigration,
        // Text recognition of scanned pages.
        OcrSchema.PostgresMigration,
        MetadataCorrectionSchema.PostgresMigration, // metadata corrected by librarians, kept apart from what extraction found
        // Collections and tags that librarians make, and the documents in them.
        DocumentGroupSchema.PostgresMigration,
    ];

    public static int Version => Migrations.Length;

    public CatalogEngine Engine => CatalogEngine.Postgres;

    public int CurrentVersion => Version;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        await Execute(connection, "CREATE TABLE IF NOT EXISTS catalog_schema (version integer NOT NULL)", cancellationToken);
        var version = await ReadVersionAsync(connection, cancellationToken);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The catalog's schema is version {version}, newer than this build understands ({Migrations.Length}). Update Aithena.");
        }

        for (var step = version; step < Migrations.Length; step++)
        {
            await Execute(connection, Migrations[step], cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO catalog_schema (version) VALUES (@version)", connection);
            record.Parameters.AddWithValue("version", step + 1);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('catalog_schema') IS NOT NULL", connection);
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))! ? await ReadVersionAsync(connection, cancellationToken) : 0;
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM catalog_schema", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
