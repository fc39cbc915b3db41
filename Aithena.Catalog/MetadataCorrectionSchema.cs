namespace Aithena.Catalog;

/// <summary>
/// Metadata a librarian corrected, kept apart from what extraction found: one row per corrected document in
/// <c>document_corrections</c>, holding the corrections (NULL: that field is not corrected), a copy of what extraction
/// found, and who corrected last, when. The documents' own <c>title</c> .. <c>language</c> stay the effective values
/// (the correction where there is one), because that is what search, its facets, filters and sorts read: a correction
/// costs searches nothing, no join, no change to their statements or indexes. Re-indexing writes what extraction found
/// there, and <see cref="Reapply"/>, in the same transaction, records it in the copy and puts the corrections back over
/// it. A document that is removed loses its corrections with its file (trigger), and gets back what extraction found.
/// Appended to each engine's migrations (<see cref="SqliteCatalogSchema"/>, <see cref="PostgresCatalogSchema"/>).
/// </summary>
public static class MetadataCorrectionSchema
{
    public const string SqliteMigration =
        """
        CREATE TABLE document_corrections (
            document_id        TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            title              TEXT,
            author             TEXT,
            year               INTEGER,
            category           TEXT,
            language           TEXT,
            extracted_title    TEXT,
            extracted_author   TEXT,
            extracted_year     INTEGER,
            extracted_category TEXT,
            extracted_language TEXT,
            corrected_by       TEXT NOT NULL,
            corrected_at       TEXT NOT NULL
        );

        CREATE TRIGGER document_corrections_removed AFTER UPDATE OF status ON documents
        WHEN new.status = 'removed' AND old.status <> 'removed'
        BEGIN
            UPDATE documents SET (title, author, year, category, language) =
                (SELECT extracted_title, extracted_author, extracted_year, extracted_category, extracted_language
                 FROM document_corrections WHERE document_id = new.id)
            WHERE id = new.id AND EXISTS (SELECT 1 FROM document_corrections WHERE document_id = new.id);
            DELETE FROM document_corrections WHERE document_id = new.id;
        END;
        """;

    public const string PostgresMigration =
        """
        CREATE TABLE document_corrections (
            document_id        text PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            title              text,
            author             text,
            year               integer,
            category           text,
            language           text,
            extracted_title    text,
            extracted_author   text,
            extracted_year     integer,
            extracted_category text,
            extracted_language text,
            corrected_by       text NOT NULL,
            corrected_at       timestamptz NOT NULL
        );

        CREATE FUNCTION document_corrections_removed() RETURNS trigger LANGUAGE plpgsql AS $removed$
        BEGIN
            UPDATE documents SET (title, author, year, category, language) =
                (SELECT extracted_title, extracted_author, extracted_year, extracted_category, extracted_language
                 FROM document_corrections WHERE document_id = new.id)
            WHERE id = new.id AND EXISTS (SELECT 1 FROM document_corrections WHERE document_id = new.id);
            DELETE FROM document_corrections WHERE document_id = new.id;
            RETURN NULL;
        END
        $removed$;
        CREATE TRIGGER document_corrections_removed AFTER UPDATE OF status ON documents
        FOR EACH ROW WHEN (new.status = 'removed' AND old.status <> 'removed')
        EXECUTE FUNCTION document_corrections_removed();
        """;

    /// <summary>
    /// Run by indexing right after it wrote what extraction found into the document's row, in the same transaction (both
    /// engines; <c>@id</c> is the document): the corrections' copy of the extracted values is brought up to date, and the
    /// corrections go back over them. Nothing happens to a document without corrections.
    /// </summary>
    public const string Reapply =
        """
        UPDATE document_corrections SET (extracted_title, extracted_author, extracted_year, extracted_category, extracted_language) =
            (SELECT title, author, year, category, language FROM documents WHERE id = @id)
        WHERE document_id = @id;
        UPDATE documents SET (title, author, year, category, language) =
            (SELECT COALESCE(c.title, documents.title), COALESCE(c.author, documents.author), COALESCE(c.year, documents.year),
                    COALESCE(c.category, documents.category), COALESCE(c.language, documents.language)
             FROM document_corrections c WHERE c.document_id = @id)
        WHERE id = @id AND EXISTS (SELECT 1 FROM document_corrections WHERE document_id = @id);
        """;
}
