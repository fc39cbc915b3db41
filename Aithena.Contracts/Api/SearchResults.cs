// The search answer of GET /v1/search. In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own
// records without referencing the Api or the catalog's engine.
namespace Aithena.Catalog;

/// <param name="Total">Documents matching: exact when <paramref name="TotalIsExact"/>, otherwise a lower bound.</param>
/// <param name="TotalIsExact">False when the query matched more pages than the search looks at (the catalog's match cap):
/// the total, the facet counts and the ranking then cover the first matching pages only.</param>
public sealed record SearchResults(int Total, int Page, int PageSize, IReadOnlyList<SearchHit> Results, SearchFacets Facets, bool TotalIsExact = true);
