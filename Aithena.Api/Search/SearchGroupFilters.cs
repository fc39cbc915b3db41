using Aithena.Catalog;

namespace Aithena.Api.Search;

/// <summary>The <c>collection</c> and <c>tag</c> filters of a search name a group by its id: anything else is refused, saying so.</summary>
public static class SearchGroupFilters
{
    public static string? Problem(params (string Name, string? Value)[] filters) =>
        filters.Where(f => !string.IsNullOrWhiteSpace(f.Value) && !DocumentGroupNames.IsValidId(f.Value.Trim()))
            .Select(f => $"'{f.Name}' takes the id of a {f.Name} (32 hexadecimal characters, as GET /v1/{f.Name}s lists them).")
            .FirstOrDefault();
}
