// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing Aithena.Semantic.
namespace Aithena.Semantic.Search;

/// <summary>The answer of <c>GET /v1/documents/{id}/similar</c>.</summary>
public sealed record SimilarDocuments(string DocumentId, IReadOnlyList<SimilarDocument> Results, SemanticStatus Semantic);
