using Microsoft.AspNetCore.Mvc;

namespace Aithena.Api.Search;

/// <summary>The query string of <c>GET /v1/search</c>, bound as one record; the names are the documented ones.</summary>
public sealed record SearchParameters(
    [property: FromQuery(Name = "q")] string? Q,
    [property: FromQuery(Name = "page")] int? Page,
    [property: FromQuery(Name = "pageSize")] int? PageSize,
    [property: FromQuery(Name = "author")] string? Author,
    [property: FromQuery(Name = "category")] string? Category,
    [property: FromQuery(Name = "year")] int? Year,
    [property: FromQuery(Name = "language")] string? Language,
    [property: FromQuery(Name = "sort")] string? Sort,
    [property: FromQuery(Name = "mode")] string? Mode = null,
    [property: FromQuery(Name = "collection")] string? Collection = null,
    [property: FromQuery(Name = "tag")] string? Tag = null);
