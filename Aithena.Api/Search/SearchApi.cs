using Aithena.Api.Security;
using Aithena.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aithena.Api.Search;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Search").RequireAuthorization(AccessPolicies.Read);
        api.MapGet("/search", SearchAsync)
            .WithName("Search")
            .WithSummary("Full-text search with facets and highlighted snippets.")
            .WithDescription("q understands words, \"exact phrases\", prefix*, OR, NOT and -word. Without q, lists indexed documents. " +
                             "sort: relevance (default with q), title (default without), author or year.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    public static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> SearchAsync(
        [AsParameters] SearchParameters query, ICatalogSearch search, CancellationToken cancellationToken)
    {
        var (q, page, pageSize, author, category, year, language, sort) = query;
        if (Paging.Validate(page, pageSize) is { } pagingError)
        {
            return BadRequest(pagingError);
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

        var (p, size) = Paging.Resolve(page, pageSize);
        try
        {
            return TypedResults.Ok(await search.SearchAsync(new SearchRequest(q, p, size, Blank(author), Blank(category), year, Blank(language), order), cancellationToken));
        }
        catch (InvalidSearchQueryException e)
        {
            return BadRequest(e.Message, "Invalid search query");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ProblemHttpResult BadRequest(string detail, string title = "Invalid request") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);
}
