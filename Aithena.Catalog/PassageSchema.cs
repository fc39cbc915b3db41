namespace Aithena.Catalog;

/// <summary>
/// The tables semantic search keeps in the catalog (Aithena.Semantic reads and writes them through its passage store):
/// each indexed page cut into passages with their embedding vectors, and one row per document saying which indexing
/// the passages were cut from. Appended to <see cref="CatalogSchema"/>'s migrations.
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
}
