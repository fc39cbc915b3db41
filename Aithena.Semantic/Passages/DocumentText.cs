namespace Aithena.Semantic.Passages;

/// <summary>
/// An indexed document's page texts, and the stamp of the indexing that wrote them: the embeddings written for
/// these pages carry the stamp, and count as done while the document still has it.
/// </summary>
public sealed record DocumentText(string DocumentId, string IndexingStamp, IReadOnlyList<string> Pages);
