namespace Aithena.Catalog;

/// <summary>
/// The tables semantic search keeps in the catalog (Aithena.Semantic reads and writes them through its passage store):
/// each indexed page cut into passages with their embedding vectors, and one row per document saying which indexing
/// the passages were cut from. Appended to each engine's migrations (<see cref="SqliteCatalogSchema"/>,
/// <see cref="PostgresCatalogSchema"/>).
/// </summary>
public static class PassageSchema
{
    /// <summary>
    /// <c>passages.vector</c> is the embedding quantised to int8 (one signed byte per dimension) and <c>scale</c> the
    /// factor that turns it back into floats: 384 bytes instead of 1,536 per passage. <c>embeddings.version</c> grows
    /// with every change (SQLite writers are serialised, so it never goes back), which lets a reader ask for what changed
    /// since the version it last saw. <c>embeddings.indexed_at</c> equals <c>documents.indexed_at</c> while the passages
    /// are those of the current text: that is how a document's embeddings are "done" or "pending".
    /// A document that is removed or fails loses its passages at once (trigger), and its version moves so readers drop it.
    /// </summary>
    public const string SqliteMigration =
        """
        CREATE TABLE passages (
            id          INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            page        INTEGER NOT NULL,
            ordinal     INTEGER NOT NULL,
            text        TEXT NOT NULL,
            vector      BLOB NOT NULL,
            scale       REAL NOT NULL
        );
        CREATE INDEX ix_passages_document ON passages (document_id, ordinal);

        CREATE TABLE embeddings (
            document_id    TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            indexed_at     TEXT,
            model          TEXT NOT NULL,
            dimensions     INTEGER NOT NULL,
            passages       INTEGER NOT NULL,
            status         TEXT NOT NULL CHECK (status IN ('done', 'failed')),
            failure_reason TEXT,
            version        INTEGER NOT NULL,
            embedded_at    TEXT NOT NULL
        );
        CREATE UNIQUE INDEX ix_embeddings_version ON embeddings (version);

        CREATE TRIGGER embeddings_document_gone AFTER UPDATE OF status ON documents
        WHEN new.status IN ('removed', 'failed') AND old.status <> new.status
        BEGIN
            DELETE FROM passages WHERE document_id = new.id;
            UPDATE embeddings SET passages = 0, indexed_at = NULL, version = (SELECT COALESCE(MAX(version), 0) + 1 FROM embeddings)
            WHERE document_id = new.id;
        END;
        """;

    /// <summary>
    /// The advisory lock every transaction that gives <c>embeddings</c> a version holds from taking it until it commits
    /// (<c>pg_advisory_xact_lock</c>): "AithenaV". Its number differs from the migration lock's.
    /// </summary>
    public const long PostgresVersionLock = 0x4169_7468_656E_6156;

    /// <summary>
    /// The same tables in PostgreSQL: the vector in a <c>bytea</c> (pgvector is not needed: the Api searches the vectors
    /// in memory, exactly). <c>embeddings.version</c> comes from the sequence <c>embeddings_version</c>, but a sequence
    /// alone does not give readers a safe "changed since": two transactions can take versions 5 and 6 and commit 6 first,
    /// and a reader that saw 6 would never ask for 5. So every transaction that sets a version first takes
    /// <see cref="PostgresVersionLock"/> (transaction-scoped, released only after its commit is visible): versions are
    /// then handed out in commit order, as SQLite's serialised writers give them. Of the ways to get that (reading only
    /// up to the oldest version still in progress, <c>pg_current_snapshot()</c> bounds, a lock), the lock keeps the
    /// reader a plain query and costs little: it is held for one upsert and the commit, once per embedded document,
    /// after seconds of model time. <c>indexed_at</c> is a <c>timestamptz</c>, as in <c>documents</c>.
    /// A document that is removed or fails loses its passages at once (trigger), and its version moves so readers drop it.
    /// </summary>
    public static readonly string PostgresMigration =
        $$"""
        CREATE SEQUENCE embeddings_version AS bigint;

        CREATE TABLE passages (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            page        integer NOT NULL,
            ordinal     integer NOT NULL,
            text        text NOT NULL,
            vector      bytea NOT NULL,
            scale       real NOT NULL
        );
        CREATE INDEX ix_passages_document ON passages (document_id, ordinal);

        CREATE TABLE embeddings (
            document_id    text PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            indexed_at     timestamptz,
            model          text NOT NULL,
            dimensions     integer NOT NULL,
            passages       integer NOT NULL,
            status         text NOT NULL CHECK (status IN ('done', 'failed')),
            failure_reason text,
            version        bigint NOT NULL,
            embedded_at    timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX ix_embeddings_version ON embeddings (version);

        CREATE FUNCTION embeddings_document_gone() RETURNS trigger LANGUAGE plpgsql AS $gone$
        BEGIN
            DELETE FROM passages WHERE document_id = new.id;
            IF EXISTS (SELECT 1 FROM embeddings WHERE document_id = new.id) THEN
                PERFORM pg_advisory_xact_lock({{PostgresVersionLock}});
                UPDATE embeddings SET passages = 0, indexed_at = NULL, version = nextval('embeddings_version')
                WHERE document_id = new.id;
            END IF;
            RETURN NULL;
        END
        $gone$;
        CREATE TRIGGER embeddings_document_gone AFTER UPDATE OF status ON documents
        FOR EACH ROW WHEN (new.status IN ('removed', 'failed') AND old.status <> new.status)
        EXECUTE FUNCTION embeddings_document_gone();
        """;
}
