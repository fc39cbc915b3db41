using Microsoft.AspNetCore.Mvc;

namespace Aithena.Api.Collections;

/// <summary>The address and query string of <c>GET /v1/collections/{id}/documents</c> (and the tags' one).</summary>
public sealed record CollectionDocumentsQuery(
    [property: FromRoute(Name = "id")] string Id,
    [property: FromQuery(Name = "status")] string? Status,
    [property: FromQuery(Name = "page")] int? Page,
    [property: FromQuery(Name = "pageSize")] int? PageSize);
