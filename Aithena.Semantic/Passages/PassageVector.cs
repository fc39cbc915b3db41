namespace Aithena.Semantic.Passages;

/// <summary>A stored passage's id, page and unit-length vector.</summary>
public readonly record struct PassageVector(long PassageId, int Page, float[] Vector);
