using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Aithena.Catalog;

/// <summary><see cref="IDocumentGroups"/> in SQLite: each change one statement or one short transaction.</summary>
public sealed class SqliteDocumentGroups(SqliteCatalogDatabase database, TimeProvider clock) : IDocumentGroups
{
    /// <summary>SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY: the name's key is taken.</summary>
    private const int UniqueViolation = 2067;
    private const int PrimaryKeyViolation = 1555;

    private const string Select =
        """
        SELECT g.id, g.kind, g.name, g.description, (SELECT COUNT(*) FROM document_group_members m WHERE m.group_id = g.id), g.created_at
        FROM document_groups g
        """;

    public async Task<IReadOnlyList<DocumentGroup>> ListAsync(GroupKind kind, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"{Select} WHERE g.kind = $kind ORDER BY g.name_key, g.id").With("$kind", DocumentGroupNames.ToDb(kind));
        return DocumentGroupNames.InNameOrder(await ReadAsync(command, cancellationToken));
    }

    public async Task<DocumentGroup?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!DocumentGroupNames.IsValidId(id))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"{Select} WHERE g.id = $id").With("$id", id);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<GroupOutcome> CreateAsync(GroupKind kind, string? name, string? description, CancellationToken cancellationToken = default)
    {
        if (!DocumentGroupNames.TryClean(kind, name, description, out var cleanName, out var cleanDescription, out var error))
        {
            return new GroupOutcome.Invalid(error);
        }

        var id = DocumentGroupNames.NewId();
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO document_groups (id, kind, name, name_key, description, created_at, updated_at)
                VALUES ($id, $kind, $name, $key, $description, $now, $now)
                """, cancellationToken, null,
                ("$id", id), ("$kind", DocumentGroupNames.ToDb(kind)), ("$name", cleanName), ("$key", DocumentGroupNames.Key(cleanName)),
                ("$description", cleanDescription), ("$now", now.ToDb()));
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode is UniqueViolation or PrimaryKeyViolation)
        {
            return DocumentGroupNames.Taken(kind, cleanName);
        }

        return new GroupOutcome.Saved(new DocumentGroup(id, kind, cleanName, cleanDescription, 0, now));
    }

    public async Task<GroupOutcome> UpdateAsync(string id, string? name, string? description, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(id, cancellationToken) is not { } group)
        {
            return DocumentGroupNames.Unknown(id);
        }

        if (!DocumentGroupNames.TryClean(group.Kind, name, description, out var cleanName, out var cleanDescription, out var error))
        {
            return new GroupOutcome.Invalid(error);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var changed = await connection.ExecuteAsync(
                "UPDATE document_groups SET name = $name, name_key = $key, description = $description, updated_at = $now WHERE id = $id",
                cancellationToken, null, ("$id", id), ("$name", cleanName), ("$key", DocumentGroupNames.Key(cleanName)),
                ("$description", cleanDescription), ("$now", clock.GetUtcNow().ToDb()));
            if (changed == 0)
            {
                return DocumentGroupNames.Unknown(id);
            }
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode is UniqueViolation)
        {
            return DocumentGroupNames.Taken(group.Kind, cleanName);
        }

        return new GroupOutcome.Saved(group with { Name = cleanName, Description = cleanDescription });
    }

    public async Task<GroupOutcome> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!DocumentGroupNames.IsValidId(id))
        {
            return DocumentGroupNames.Unknown(id);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync("DELETE FROM document_groups WHERE id = $id", cancellationToken, null, ("$id", id));
        return deleted == 0 ? DocumentGroupNames.Unknown(id) : new GroupOutcome.Done();
    }

    public async Task<GroupOutcome> AddDocumentAsync(string groupId, string documentId, CancellationToken cancellationToken = default)
    {
        if (!DocumentGroupNames.IsValidId(groupId))
        {
            return DocumentGroupNames.Unknown(groupId);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        // One statement: a document removed meanwhile, or a group deleted, adds nothing.
        var added = await connection.ExecuteAsync(
            """
            INSERT INTO document_group_members (group_id, document_id, added_at)
            SELECT g.id, d.id, $now FROM document_groups g, documents d
            WHERE g.id = $group AND d.id = $document AND d.status <> 'removed'
            ON CONFLICT DO NOTHING
            """, cancellationToken, null, ("$group", groupId), ("$document", documentId), ("$now", clock.GetUtcNow().ToDb()));
        return added > 0 ? new GroupOutcome.Done() : await WhyNotAddedAsync(connection, groupId, documentId, cancellationToken);
    }

    public async Task<GroupOutcome> RemoveDocumentAsync(string groupId, string documentId, CancellationToken cancellationToken = default)
    {
        if (!DocumentGroupNames.IsValidId(groupId))
        {
            return DocumentGroupNames.Unknown(groupId);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM document_group_members WHERE group_id = $group AND document_id = $document",
            cancellationToken, null, ("$group", groupId), ("$document", documentId));
        return await Exists(connection, "SELECT 1 FROM document_groups WHERE id = $id", groupId, cancellationToken)
            ? new GroupOutcome.Done()
            : DocumentGroupNames.Unknown(groupId);
    }

    public async Task<IReadOnlyList<GroupMembership>> MembershipsAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken = default)
    {
        if (documentIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT m.document_id, g.id, g.kind, g.name
            FROM json_each($ids) ids JOIN document_group_members m ON m.document_id = ids.value JOIN document_groups g ON g.id = m.group_id
            ORDER BY g.kind, g.name_key
            """).With("$ids", System.Text.Json.JsonSerializer.Serialize(documentIds));
        var memberships = new List<GroupMembership>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            memberships.Add(new GroupMembership(reader.GetString(0), reader.GetString(1), DocumentGroupNames.FromDb(reader.GetString(2)), reader.GetString(3)));
        }

        return memberships;
    }

    public async Task<IReadOnlySet<string>> DocumentsInAllAsync(IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken = default)
    {
        var ids = groupIds.Distinct(StringComparer.Ordinal).ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT document_id FROM document_group_members WHERE group_id IN (SELECT value FROM json_each($ids))
            GROUP BY document_id HAVING COUNT(*) = $n
            """).With("$ids", System.Text.Json.JsonSerializer.Serialize(ids)).With("$n", ids.Count);
        var documents = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(reader.GetString(0));
        }

        return documents;
    }

    public async Task<(IReadOnlyList<DocumentRecord> Items, int Total)> ListDocumentsAsync(
        string groupId, string? status, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        const string filter = "id IN (SELECT document_id FROM document_group_members WHERE group_id = $group) AND ($status IS NULL OR status = $status)";
        await using var count = connection.Command($"SELECT COUNT(*) FROM documents WHERE {filter}").With("$group", groupId).With("$status", status);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using var command = connection.Command(
                $"SELECT {DocumentRows.Columns} FROM documents WHERE {filter} ORDER BY COALESCE(title, file_name) COLLATE NOCASE, path LIMIT $limit OFFSET $offset")
            .With("$group", groupId).With("$status", status).With("$limit", pageSize).With("$offset", CatalogSearch.Offset(page, pageSize));
        var items = new List<DocumentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(DocumentRows.Read(reader));
        }

        return (items, total);
    }

    private static async Task<GroupOutcome> WhyNotAddedAsync(SqliteConnection connection, string groupId, string documentId, CancellationToken cancellationToken)
    {
        if (!await Exists(connection, "SELECT 1 FROM document_groups WHERE id = $id", groupId, cancellationToken))
        {
            return DocumentGroupNames.Unknown(groupId);
        }

        if (!await Exists(connection, "SELECT 1 FROM documents WHERE id = $id AND status <> 'removed'", documentId, cancellationToken))
        {
            return DocumentGroupNames.NoDocument(documentId);
        }

        return new GroupOutcome.Done(); // it was in the group already
    }

    private static async Task<bool> Exists(SqliteConnection connection, string sql, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql).With("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<IReadOnlyList<DocumentGroup>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var groups = new List<DocumentGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new DocumentGroup(reader.GetString(0), DocumentGroupNames.FromDb(reader.GetString(1)), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }

        return groups;
    }
}
