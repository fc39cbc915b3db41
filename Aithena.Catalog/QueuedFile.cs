using Aithena.Contracts;

namespace Aithena.Catalog;

/// <summary>A file about to be queued: what the Api and the Lister write before the command is sent.</summary>
public sealed record QueuedFile(string Id, string Path, long Size, DateTimeOffset ModifiedAt, string? ContentHash, DocumentSource Source, DateTimeOffset QueuedAt);
