namespace Aithena.Contracts;

/// <summary>
/// Command: cut the indexed text of the document into passages and compute their embeddings. Sent by the Indexer to
/// <see cref="QueueNames.EmbedDocument"/> once the text is in the catalog, so keyword search finds the document at once
/// and meaning follows.
/// </summary>
public sealed record EmbedDocument(string DocumentId, string Path, DateTimeOffset QueuedAt);
