// The search answer of GET /v1/search. In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own
// records without referencing the Api or the catalog's engine.
namespace Aithena.Catalog;

/// <param name="Label">What to show when the value is an id (a collection's or a tag's name); null when the value says it.</param>
public sealed record FacetValue(string Value, int Count, string? Label = null);
