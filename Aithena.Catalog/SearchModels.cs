namespace Aithena.Catalog;

public enum SearchSort
{
    Relevance,
    Title,
    Author,
    Year,
}

public sealed record SearchRequest(
    string? Query,
    int Page = 1,
    int PageSize = 20,
    string? Author = null,
    string? Category = null,
    int? Year = null,
    string? Language = null,
    SearchSort? Sort = null);

public sealed record SearchSnippet(int Page, string Text);

public sealed record SearchHit(
    string Id,
    string Title,
    string? Author,
    int? Year,
    string? Category,
    string? Language,
    int? PageCount,
    string Path,
    double? Score,
    IReadOnlyList<SearchSnippet> Snippets);

public sealed record FacetValue(string Value, int Count);

public sealed record SearchFacets(
    IReadOnlyList<FacetValue> Author,
    IReadOnlyList<FacetValue> Category,
    IReadOnlyList<FacetValue> Year,
    IReadOnlyList<FacetValue> Language);

/// <param name="Total">Documents matching: exact when <paramref name="TotalIsExact"/>, otherwise a lower bound (see <see cref="CatalogSearch.MatchCap"/>).</param>
/// <param name="TotalIsExact">False when the query matched more pages than the search looks at: the total, the facet counts
/// and the ranking then cover the first <see cref="CatalogSearch.MatchCap"/> matching pages (or documents, without a query).</param>
public sealed record SearchResults(int Total, int Page, int PageSize, IReadOnlyList<SearchHit> Results, SearchFacets Facets, bool TotalIsExact = true);

/// <summary>The query could not be run as written; the message says why, for a 400 answer.</summary>
public sealed class InvalidSearchQueryException(string message) : Exception(message);
