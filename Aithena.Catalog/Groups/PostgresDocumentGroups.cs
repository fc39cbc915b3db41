using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Aithena.Catalog;

/// <summary><see cref="IDocumentGroups"/> in PostgreSQL: the same statements as <see cref="SqliteDocumentGroups"/>.</summary>
public sealed class PostgresDocumentGroups(NpgsqlDataSource dataSource, TimeProvider clock) : IDocumentGroups
{
    private const string Select =
        """
        SELECT g.id, g.kind, g.name, g.description, (SELECT COUNT(*) FROM document_group_members m WHERE m.group_id = g.id)::integer, g.created_at
        FROM document_groups g
        """;

    public async Task<IReadOnlyList<DocumentGroup>> ListAsync(GroupKind kind, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""{Select} WHERE g.kind = @kind ORDER BY g.name_key COLLATE "C", g.id""")
            .With("kind", DocumentGroupNames.ToDb(kind));
        return DocumentGroupNames.InNameOrder(await ReadAsync(command, cancellationToken));
    }

    public async Task<DocumentGroup?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!DocumentGroupNames.IsValidId(id))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand($"{Select} WHERE g.id = @id").With("id", id);
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
        await using var command = dataSource.CreateCommand(
                """
                INSERT INTO document_groups (id, kind, name, name_key, description, created_at, updated_at)
                VALUES (@id, @kind, @name, @key, @description, @now, @now)
                """)
            .With("id", id).With("kind", DocumentGroupNames.ToDb(kind)).With("name", cleanName).With("key", DocumentGroupNames.Key(cleanName))
            .With("description", cleanDescription).With("now", (DateTimeOffset?)now);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
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

        await using var command = dataSource.CreateCommand(
                "UPDATE document_groups SET name = @name, name_key = @key, description = @description, updated_at = @now WHERE id = @id")
            .With("id", id).With("name", cleanName).With("key", DocumentGroupNames.Key(cleanName)).With("description", cleanDescription)
            .With("now", (DateTimeOffset?)clock.GetUtcNow());
        try
        {
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return DocumentGroupNames.Unknown(id);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
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

        await using var command = dataSource.CreateCommand("DELETE FROM document_groups WHERE id = @id").With("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 0 ? DocumentGroupNames.Unknown(id) : new GroupOutcome.Done();
    }

    public async Task<GroupOutcome> AddDocumentAsync(string groupId, string documentId, CancellationToken cancellationToken = default)
    {
        if (!DocumentGroupNames.IsValidId(groupId))
        {
            return DocumentGroupNames.Unknown(groupId);
        }

        // One statement: a document removed meanwhile, or a group deleted, adds nothing.
        await using var command = dataSource.CreateCommand(
                """
                INSERT INTO document_group_members (group_id, document_id, added_at)
                SELECT g.id, d.id, @now FROM document_groups g, documents d
                WHERE g.id = @group AND d.id = @document AND d.status <> 'removed'
                ON CONFLICT DO NOTHING
                """)
            .With("group", groupId).With("document", documentId).With("now", (DateTimeOffset?)clock.GetUtcNow());
        if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
        {
            return new GroupOutcome.Done();
        }

        if (!await ExistsAsync("SELECT 1 FROM document_groups WHERE id = @id", groupId, cancellationToken))
        {
            return DocumentGroupNames.Unknown(groupId);
        }

        return await ExistsAsync("SELECT 1 FROM documents WHERE id = @id AND status <> 'removed'", documentId, cancellationToken)
            ? new GroupOutcome.Done() // it was in the group already
            : DocumentGroupNames.NoDocument(documentId);
    }

    public async Task<GroupOutcome> RemoveDocumentAsync(string groupId, string documentId, CancellationToken cancellationToken = default)
    {
        if (!DocumentGroupNames.IsValidId(groupId))
        {
            return DocumentGroupNames.Unknown(groupId);
        }

        await using var command = dataSource.CreateCommand("DELETE FROM document_group_members WHERE group_id = @group AND document_id = @document")
            .With("group", groupId).With("document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return await ExistsAsync("SELECT 1 FROM document_groups WHERE id = @id", groupId, cancellationToken)
            ? new GroupOutcome.Done()
            : DocumentGroupNames.Unknown(groupId);
    }

    public async Task<IReadOnlyList<GroupMembership>> MembershipsAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken = default)
    {
        if (documentIds.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(
                """
                SELECT m.document_id, g.id, g.kind, g.name
                FROM document_group_members m JOIN document_groups g ON g.id = m.group_id
                WHERE m.document_id = ANY(@ids)
                ORDER BY g.kind, g.name_key COLLATE "C"
                """)
            .With("ids", documentIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
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
        var ids = groupIds.Distinct(StringComparer.Ordinal).ToArray();
        await using var command = dataSource.CreateCommand(
                "SELECT document_id FROM document_group_members WHERE group_id = ANY(@ids) GROUP BY document_id HAVING COUNT(*) = @n")
            .With("ids", ids, NpgsqlDbType.Array | NpgsqlDbType.Text).With("n", (long)ids.Length);
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
        const string filter = "id IN (SELECT document_id FROM document_group_members WHERE group_id = @group) AND (@status::text IS NULL OR status = @status::text)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM documents WHERE {filter}", connection).With("group", groupId).With("status", status);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using var command = new NpgsqlCommand(
                $"""
                 SELECT {DocumentRows.Columns} FROM documents WHERE {filter}
                 ORDER BY lower(COALESCE(title, file_name)) COLLATE "C", path COLLATE "C" LIMIT @limit OFFSET @offset
                 """, connection)
            .With("group", groupId).With("status", status).With("limit", pageSize).With("offset", CatalogSearch.Offset(page, pageSize));
        var items = new List<DocumentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(DocumentRows.Read(reader));
        }

        return (items, total);
    }

    private async Task<bool> ExistsAsync(string sql, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql).With("id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<IReadOnlyList<DocumentGroup>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var groups = new List<DocumentGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new DocumentGroup(reader.GetString(0), DocumentGroupNames.FromDb(reader.GetString(1)), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return groups;
    }
}
