// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Collections;

/// <summary>A collection or a tag as a document lists it: enough to name it and link to it.</summary>
public sealed record CollectionLink(string Id, string Name);
