namespace Aithena.Api.Collections;

/// <summary>The address of one collection or tag: <c>/v1/collections/{id}</c>, <c>/v1/tags/{id}</c>.</summary>
public sealed record CollectionRoute(string Id);
