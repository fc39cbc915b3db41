// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing Aithena.Semantic.
namespace Aithena.Semantic.Search;

/// <summary>A document near another in meaning, with the page of its nearest passage.</summary>
public sealed record SimilarDocument(string Id, string Title, string? Author, int? Year, string? Category, string? Language, string Path, double Score, int Page);
