namespace Aithena.Catalog;

/// <summary>
/// Full-text search over indexed documents, whatever the engine: relevance per page, the best page ranking its
/// document, facet counts, paging and sorting done by the database, and highlighted snippets for the returned page only.
/// </summary>
public interface ICatalogSearch
{
    /// <exception cref="InvalidSearchQueryException">The query cannot be run as written.</exception>
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Of these indexed documents, the ones a search by meaning may return for this query: without its excluded terms,
    /// with its quoted phrases (<see cref="MeaningConstraint"/>).
    /// </summary>
    Task<IReadOnlySet<string>> AllowedByWordsAsync(IReadOnlyCollection<string> documentIds, SearchQuery query, CancellationToken cancellationToken = default);
}
