namespace Aithena.Catalog;

public sealed record SearchRequest(
    string? Query,
    int Page = 1,
    int PageSize = 20,
    string? Author = null,
    string? Category = null,
    int? Year = null,
    string? Language = null,
    SearchSort? Sort = null,
    string? Collection = null,
    string? Tag = null);
