namespace Aithena.Web.Api;

/// <summary>What the search page asks the Api: the query string of <c>GET /v1/search</c>.</summary>
/// <param name="Mode"><c>keyword</c>, <c>semantic</c> or <c>hybrid</c>; null leaves the choice to the Api (its <c>Search:DefaultMode</c>).</param>
public sealed record SearchQuery(string? Q, string? Author, string? Category, int? Year, string? Language, string? Sort, int Page = 1, int PageSize = 20, string? Mode = null,
    string? Collection = null, string? Tag = null)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Q) && Author is null && Category is null && Year is null && Language is null && Collection is null && Tag is null;
}
