namespace Aithena.Semantic.Passages;

/// <summary>What the store knows about a document's embeddings.</summary>
/// <param name="IndexingStamp">The indexing the passages were cut from (null once the document left the index).</param>
/// <param name="FailureReason">Why embedding gave up, when <paramref name="Status"/> is failed.</param>
public sealed record EmbeddingState(string DocumentId, string? IndexingStamp, string Model, string Status, int Passages, long Version, string? FailureReason = null);
