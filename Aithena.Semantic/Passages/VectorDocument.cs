namespace Aithena.Semantic.Passages;

/// <summary>A document's metadata as search results show it and filters test it.</summary>
public sealed record VectorDocument(string Id, string Title, string? Author, int? Year, string? Category, string? Language, int? PageCount, string Path);
