namespace Aithena.Contracts;

/// <summary>Command: the file at <see cref="Path"/> has left the library; take it out of the index.</summary>
public sealed record RemoveDocument(string DocumentId, string Path, DateTimeOffset QueuedAt);
