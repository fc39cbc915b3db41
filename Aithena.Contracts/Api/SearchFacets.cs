// The search answer of GET /v1/search. In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own
// records without referencing the Api or the catalog's engine.
namespace Aithena.Catalog;

public sealed record SearchFacets(
    IReadOnlyList<FacetValue> Author,
    IReadOnlyList<FacetValue> Category,
    IReadOnlyList<FacetValue> Year,
    IReadOnlyList<FacetValue> Language,
    IReadOnlyList<FacetValue>? Collection = null,
    IReadOnlyList<FacetValue>? Tag = null);
