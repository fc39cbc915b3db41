// The answer of GET /v1/search in every mode. In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's
// own record without referencing the Api or the semantic search.
using Aithena.Catalog;

namespace Aithena.Semantic.Search;

/// <summary>
/// A search result: the keyword search's fields, the mode that ranked it (keyword when semantic search was asked for
/// but unavailable), whether meaning took part, and whether <c>Total</c> is exact (false when a ranking was cut at its
/// cap, the catalog's match cap or the candidate depth: the total is then a lower bound).
/// </summary>
public sealed record SearchResponse(
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<SearchHit> Results,
    SearchFacets Facets,
    string Mode,
    SemanticStatus Semantic,
    bool TotalIsExact = true);
