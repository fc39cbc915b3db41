namespace Aithena.Semantic.Passages;

/// <summary>
/// One document as semantic search holds it in memory: the metadata its filters and facets need, and its passages'
/// vectors. No passages means the document is gone from semantic search (removed, failed, or embedded by another model).
/// </summary>
public sealed record DocumentVectors(VectorDocument Document, IReadOnlyList<PassageVector> Passages);
