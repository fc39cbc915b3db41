namespace Aithena.Semantic.Search;

/// <summary>A document near another in meaning, with the page of its nearest passage.</summary>
public sealed record SimilarDocument(string Id, string Title, string? Author, int? Year, string? Category, string? Language, string Path, double Score, int Page);

/// <summary>The answer of <c>GET /v1/documents/{id}/similar</c>.</summary>
public sealed record SimilarDocuments(string DocumentId, IReadOnlyList<SimilarDocument> Results, SemanticStatus Semantic);
