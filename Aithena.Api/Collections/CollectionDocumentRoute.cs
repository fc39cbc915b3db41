namespace Aithena.Api.Collections;

/// <summary>The address of one document in one collection or tag: <c>/v1/collections/{id}/documents/{documentId}</c>.</summary>
public sealed record CollectionDocumentRoute(string Id, string DocumentId);
