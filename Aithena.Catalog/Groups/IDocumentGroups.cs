namespace Aithena.Catalog;

/// <summary>
/// Collections and tags in the catalog, whatever the engine: librarians create, rename and delete them and put documents
/// in them; searches filter and count by them (<see cref="SearchRequest.Collection"/>, <see cref="SearchRequest.Tag"/>).
/// </summary>
public interface IDocumentGroups
{
    /// <summary>Every group of this kind, by name, with how many documents each holds.</summary>
    Task<IReadOnlyList<DocumentGroup>> ListAsync(GroupKind kind, CancellationToken cancellationToken = default);

    Task<DocumentGroup?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <returns><see cref="GroupOutcome.Saved"/>, <see cref="GroupOutcome.Invalid"/> or <see cref="GroupOutcome.NameTaken"/>.</returns>
    Task<GroupOutcome> CreateAsync(GroupKind kind, string? name, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Renames a group and replaces its description.</summary>
    Task<GroupOutcome> UpdateAsync(string id, string? name, string? description, CancellationToken cancellationToken = default);

    /// <summary>Deletes a group; its documents stay in the library and in their other groups.</summary>
    Task<GroupOutcome> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Puts a live (not removed) document in a group; doing it again changes nothing.</summary>
    Task<GroupOutcome> AddDocumentAsync(string groupId, string documentId, CancellationToken cancellationToken = default);

    /// <summary>Takes a document out of a group; a document that was not in it is no error.</summary>
    Task<GroupOutcome> RemoveDocumentAsync(string groupId, string documentId, CancellationToken cancellationToken = default);

    /// <summary>The groups these documents are in (each one an index lookup).</summary>
    Task<IReadOnlyList<GroupMembership>> MembershipsAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken = default);

    /// <summary>The documents that are in every one of these groups: what a search by meaning may return when filtered by them.</summary>
    Task<IReadOnlySet<string>> DocumentsInAllAsync(IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken = default);

    /// <summary>A group's documents, by title, one page of them, optionally of one status, with how many there are in all.</summary>
    Task<(IReadOnlyList<DocumentRecord> Items, int Total)> ListDocumentsAsync(
        string groupId, string? status, int page, int pageSize, CancellationToken cancellationToken = default);
}
