using Aithena.Api.Security;
using Aithena.Catalog;
using Aithena.Semantic.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aithena.Api.Search;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Search").RequireAuthorization(AccessPolicies.Reader);
        api.MapGet("/search", SearchAsync)
            .WithName("Search")
            .WithSummary("Search by words, by meaning or both, with facets and snippets that name their page.")
            .WithDescription("q understands words, \"exact phrases\", prefix*, OR, NOT and -word. Without q, lists indexed documents. " +
                             "sort: relevance (default with q), title (default without), author or year. " +
                             "mode: keyword (BM25), semantic (embeddings of passages) or hybrid (both, reciprocal rank fusion); " +
                             "semantic and hybrid fall back to keyword, saying why in 'semantic', when meaning is unavailable.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(
        [AsParameters] SearchParameters query, DocumentSearch search, CancellationToken cancellationToken)
    {
        var (q, page, pageSize, author, category, year, language, sort, mode, collection, tag) = query;
        if (Paging.Validate(page, pageSize) is { } pagingError)
        {
            return BadRequest(pagingError);
        }

        if (FirstWithControlCharacter(("author", author), ("category", category), ("language", language), ("sort", sort), ("mode", mode)) is { } name)
        {
            return BadRequest($"The parameter '{name}' contains a control character (such as NUL, %00); remove it.");
        }

        if (SearchGroupFilters.Problem(("collection", collection), ("tag", tag)) is { } groupError)
        {
            return BadRequest(groupError);
        }

        SearchSort? order = null;
        if (sort is not null)
        {
            if (!Enum.TryParse<SearchSort>(sort, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(sort, out _))
            {
                return BadRequest($"Unknown sort '{sort}'. Use relevance, title, author or year.");
            }

            order = parsed;
        }

        SearchMode? searchMode = null;
        if (mode is not null)
        {
            if (!Enum.TryParse<SearchMode>(mode, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(mode, out _))
            {
                return BadRequest($"Unknown mode '{mode}'. Use keyword, semantic or hybrid.");
            }

            searchMode = parsed;
        }

        var (p, size) = Paging.Resolve(page, pageSize);
        try
        {
            var request = new SearchRequest(q, p, size, Blank(author), Blank(category), year, Blank(language), order, Blank(collection), Blank(tag));
            return TypedResults.Ok(await search.SearchAsync(request, searchMode, cancellationToken));
        }
        catch (InvalidSearchQueryException e)
        {
            return BadRequest(e.Message, "Invalid search query");
        }
    }

    /// <summary>The first parameter holding a control character: PostgreSQL refuses a NUL in any text, a 500 otherwise.</summary>
    private static string? FirstWithControlCharacter(params (string Name, string? Value)[] parameters) =>
        parameters.FirstOrDefault(p => p.Value is not null && p.Value.Any(char.IsControl)).Name;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ProblemHttpResult BadRequest(string detail, string title = "Invalid request") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);
}
