namespace Aithena.Catalog;

/// <summary>
/// Collections (a reading list, a course, a shelf) and tags that librarians make: one table for both, told apart by
/// <c>kind</c>, and one row per document in a group. A name is unique within its kind whatever its case: <c>name_key</c>
/// holds it folded by .NET (<see cref="DocumentGroupNames.Key"/>), so both engines agree on what clashes, for every script.
/// A document's memberships go with it: at once when it is marked removed (trigger), and with its row (foreign key);
/// a group's go with the group. Appended to each engine's migrations.
/// </summary>
public static class DocumentGroupSchema
{
    public const string SqliteMigration =
        """
        CREATE TABLE document_groups (
            id          TEXT PRIMARY KEY,
            kind        TEXT NOT NULL CHECK (kind IN ('collection', 'tag')),
            name        TEXT NOT NULL,
            name_key    TEXT NOT NULL,
            description TEXT,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE UNIQUE INDEX ix_document_groups_name ON document_groups (kind, name_key);

        CREATE TABLE document_group_members (
            group_id    TEXT NOT NULL REFERENCES document_groups (id) ON DELETE CASCADE,
            document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            added_at    TEXT NOT NULL,
            PRIMARY KEY (group_id, document_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_document_group_members_document ON document_group_members (document_id, group_id);

        CREATE TRIGGER document_group_members_document_gone AFTER UPDATE OF status ON documents
        WHEN new.status = 'removed' AND old.status <> new.status
        BEGIN
            DELETE FROM document_group_members WHERE document_id = new.id;
        END;
        """;

    public const string PostgresMigration =
        """
        CREATE TABLE document_groups (
            id          text PRIMARY KEY,
            kind        text NOT NULL CHECK (kind IN ('collection', 'tag')),
            name        text NOT NULL,
            name_key    text NOT NULL,
            description text,
            created_at  timestamptz NOT NULL,
            updated_at  timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX ix_document_groups_name ON document_groups (kind, name_key);

        CREATE TABLE document_group_members (
            group_id    text NOT NULL REFERENCES document_groups (id) ON DELETE CASCADE,
            document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            added_at    timestamptz NOT NULL,
            PRIMARY KEY (group_id, document_id)
        );
        CREATE INDEX ix_document_group_members_document ON document_group_members (document_id, group_id);

        CREATE FUNCTION document_group_members_document_gone() RETURNS trigger LANGUAGE plpgsql AS $gone$
        BEGIN
            DELETE FROM document_group_members WHERE document_id = new.id;
            RETURN NULL;
        END
        $gone$;
        CREATE TRIGGER document_group_members_document_gone AFTER UPDATE OF status ON documents
        FOR EACH ROW WHEN (new.status = 'removed' AND old.status <> new.status)
        EXECUTE FUNCTION document_group_members_document_gone();
        """;
}
