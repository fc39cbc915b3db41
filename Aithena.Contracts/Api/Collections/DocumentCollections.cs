// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Collections;

/// <summary>The collections and the tags a document is in, each by name.</summary>
public sealed record DocumentCollections(string DocumentId, IReadOnlyList<CollectionLink> Collections, IReadOnlyList<CollectionLink> Tags);
