namespace Aithena.Web.Api;

/// <summary>What the search page asks the Api: the query string of <c>GET /v1/search</c>.</summary>
public sealed record SearchQuery(string? Q, string? Author, string? Category, int? Year, string? Language, string? Sort, int Page = 1, int PageSize = 20)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Q) && Author is null && Category is null && Year is null && Language is null;
}
