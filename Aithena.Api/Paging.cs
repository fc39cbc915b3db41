using Aithena.Catalog;

namespace Aithena.Api;

/// <summary>Page numbers from 1, page sizes from 1 to 100 (20 when not given): the same rules for listing and search.</summary>
public static class Paging
{
    public static string? Validate(int? page, int? pageSize) =>
        page is < 1 ? "page starts at 1."
        : pageSize is < 1 or > CatalogSearch.MaxPageSize ? $"pageSize must be between 1 and {CatalogSearch.MaxPageSize}."
        : null;

    public static (int Page, int PageSize) Resolve(int? page, int? pageSize) => (page ?? 1, pageSize ?? CatalogSearch.DefaultPageSize);
}
