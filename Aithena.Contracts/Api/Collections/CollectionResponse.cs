// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Collections;

/// <summary>A collection or a tag: <c>Kind</c> is <c>collection</c> or <c>tag</c>; <c>Documents</c> counts the documents in it.</summary>
public sealed record CollectionResponse(string Id, string Kind, string Name, string? Description, int Documents, DateTimeOffset CreatedAt);
