namespace Aithena.Semantic.Passages;

/// <summary>The documents whose passages changed after a version, in version order.</summary>
/// <param name="Version">The highest version read: ask for changes after it next time.</param>
public sealed record PassageChanges(IReadOnlyList<DocumentVectors> Documents, long Version);

/// <summary>
/// One document as semantic search holds it in memory: the metadata its filters and facets need, and its passages'
/// vectors. No passages means the document is gone from semantic search (removed, failed, or embedded by another model).
/// </summary>
public sealed record DocumentVectors(VectorDocument Document, IReadOnlyList<PassageVector> Passages);

/// <summary>A document's metadata as search results show it and filters test it.</summary>
public sealed record VectorDocument(string Id, string Title, string? Author, int? Year, string? Category, string? Language, int? PageCount, string Path);

/// <summary>A stored passage's id, page and unit-length vector.</summary>
public readonly record struct PassageVector(long PassageId, int Page, float[] Vector);
