// The search answer of GET /v1/search. In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own
// records without referencing the Api or the catalog's engine.
namespace Aithena.Catalog;

public sealed record SearchHit(
    string Id,
    string Title,
    string? Author,
    int? Year,
    string? Category,
    string? Language,
    int? PageCount,
    string Path,
    double? Score,
    IReadOnlyList<SearchSnippet> Snippets);
