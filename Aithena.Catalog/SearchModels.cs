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

/// <summary>The query could not be run as written; the message says why, for a 400 answer.</summary>
public sealed class InvalidSearchQueryException(string message) : Exception(message);
