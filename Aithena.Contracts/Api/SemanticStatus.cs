namespace Aithena.Semantic.Search;

/// <summary>
/// Whether meaning took part in a result. <paramref name="Available"/> is false when the model is off or could not
/// load, or the vectors are still loading (then semantic and hybrid search answer with keyword results);
/// <paramref name="PendingDocuments"/> counts matching documents whose embeddings are not done yet (they rank by
/// their keyword rank alone until they are).
/// </summary>
public sealed record SemanticStatus(bool Available, string? Reason, int PendingDocuments);
