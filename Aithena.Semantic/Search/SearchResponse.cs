using Aithena.Catalog;

namespace Aithena.Semantic.Search;

/// <summary>
/// A search result: the keyword search's fields, the mode that ranked it (keyword when semantic search was asked for
/// but unavailable) and whether meaning took part.
/// </summary>
public sealed record SearchResponse(
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<SearchHit> Results,
    SearchFacets Facets,
    string Mode,
    SemanticStatus Semantic);
