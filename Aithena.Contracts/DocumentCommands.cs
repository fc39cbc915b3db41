namespace Aithena.Contracts;

/// <summary>Where a document entered the system.</summary>
public enum DocumentSource
{
    Upload,
    Lister,
}

/// <summary>
/// Command: extract the text and metadata of the file at <see cref="Path"/> and write it to the catalog.
/// Sent (not published) to <see cref="QueueNames.IndexDocument"/>, so it is kept even when no Indexer has run yet.
/// </summary>
/// <param name="DocumentId">Derived from <see cref="Path"/> by <see cref="DocumentIds.FromPath"/>.</param>
/// <param name="Path">Library-relative path with forward slashes, e.g. <c>uploads/Report.pdf</c>.</param>
/// <param name="Source">Who queued it.</param>
/// <param name="Size">File size in bytes when it was queued.</param>
/// <param name="QueuedAt">When it was queued.</param>
public sealed record IndexDocument(string DocumentId, string Path, DocumentSource Source, long Size, DateTimeOffset QueuedAt);

/// <summary>Command: the file at <see cref="Path"/> has left the library; take it out of the index.</summary>
public sealed record RemoveDocument(string DocumentId, string Path, DateTimeOffset QueuedAt);

/// <summary>
/// Command: cut the indexed text of the document into passages and compute their embeddings. Sent by the Indexer to
/// <see cref="QueueNames.EmbedDocument"/> once the text is in the catalog, so keyword search finds the document at once
/// and meaning follows.
/// </summary>
public sealed record EmbedDocument(string DocumentId, string Path, DateTimeOffset QueuedAt);
