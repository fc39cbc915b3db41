using Aithena.Semantic.Passages;

namespace Aithena.Semantic.Search;

/// <summary>A document found by meaning: its best passage's cosine similarity, that passage and its page.</summary>
public sealed record VectorMatch(VectorDocument Document, float Score, long PassageId, int Page);
