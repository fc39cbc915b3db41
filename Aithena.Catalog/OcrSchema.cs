namespace Aithena.Catalog;

/// <summary>
/// What text recognition (OCR) keeps in the catalog: on each document, its OCR state (<c>ocr</c>: NULL for none,
/// <c>pending</c>, <c>done</c>, <c>failed</c>), how many pages were recognised and the first failure; and one row per page
/// asked for (<c>ocr_pages</c>), with the request that asked (a later indexing's request replaces it, so a stale command
/// finds nothing to do) and its outcome. Re-indexing a document replaces its pages: the trigger on the deletion of its
/// first page clears its OCR state in the same transaction (once per document, not once per page), and the Indexer
/// asks again. Appended to each engine's migrations.
/// </summary>
public static class OcrSchema
{
    public const string SqliteMigration =
        """
        ALTER TABLE documents ADD COLUMN ocr TEXT CHECK (ocr IN ('pending', 'done', 'failed'));
        ALTER TABLE documents ADD COLUMN ocr_pages INTEGER;
        ALTER TABLE documents ADD COLUMN ocr_failure TEXT;

        CREATE TABLE ocr_pages (
            document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            page        INTEGER NOT NULL,
            request     TEXT NOT NULL,
            status      TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
            reason      TEXT,
            PRIMARY KEY (document_id, page)
        );

        CREATE TRIGGER ocr_pages_replaced AFTER DELETE ON pages WHEN old.page = 1
        BEGIN
            DELETE FROM ocr_pages WHERE document_id = old.document_id;
            UPDATE documents SET ocr = NULL, ocr_pages = NULL, ocr_failure = NULL WHERE id = old.document_id;
        END;
        """;

    public const string PostgresMigration =
        """
        ALTER TABLE documents ADD COLUMN ocr text CHECK (ocr IN ('pending', 'done', 'failed'));
        ALTER TABLE documents ADD COLUMN ocr_pages integer;
        ALTER TABLE documents ADD COLUMN ocr_failure text;

        CREATE TABLE ocr_pages (
            document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            page        integer NOT NULL,
            request     text NOT NULL,
            status      text NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
            reason      text,
            PRIMARY KEY (document_id, page)
        );

        CREATE FUNCTION ocr_pages_replaced() RETURNS trigger LANGUAGE plpgsql AS $replaced$
        BEGIN
            DELETE FROM ocr_pages WHERE document_id = old.document_id;
            UPDATE documents SET ocr = NULL, ocr_pages = NULL, ocr_failure = NULL WHERE id = old.document_id;
            RETURN NULL;
        END
        $replaced$;
        CREATE TRIGGER ocr_pages_replaced AFTER DELETE ON pages
        FOR EACH ROW WHEN (old.page = 1) EXECUTE FUNCTION ocr_pages_replaced();
        """;

    /// <summary>
    /// The document's OCR summary from its page rows, in the transaction that changed one (same SQL on both engines,
    /// parameter <c>@id</c>/<c>$id</c> by prefix).
    /// </summary>
    internal static string Summary(char prefix) =>
        $"""
        UPDATE documents SET
            ocr = CASE WHEN EXISTS (SELECT 1 FROM ocr_pages WHERE document_id = {prefix}id AND status = 'pending') THEN 'pending'
                       WHEN EXISTS (SELECT 1 FROM ocr_pages WHERE document_id = {prefix}id AND status = 'failed') THEN 'failed'
                       ELSE 'done' END,
            ocr_pages = (SELECT COUNT(*) FROM ocr_pages WHERE document_id = {prefix}id AND status = 'done'),
            ocr_failure = (SELECT 'page ' || page || ': ' || reason FROM ocr_pages WHERE document_id = {prefix}id AND status = 'failed' ORDER BY page LIMIT 1)
        WHERE id = {prefix}id
        """;
}
