using Aithena.Contracts;

namespace Aithena.Catalog;

/// <summary>A file about to be queued: what the Api and the Lister write before the command is sent.</summary>
/// <param name="UploadedBy">Who brought it: the uploading user's name, or the Lister; kept from the first time a document is queued.</param>
public sealed record QueuedFile(string Id, string Path, long Size, DateTimeOffset ModifiedAt, string? ContentHash, DocumentSource Source, DateTimeOffset QueuedAt,
    string? UploadedBy = null);
