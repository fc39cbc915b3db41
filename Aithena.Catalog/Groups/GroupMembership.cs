namespace Aithena.Catalog;

/// <summary>One document in one group: what a document page lists and what facets of a search by meaning count.</summary>
public sealed record GroupMembership(string DocumentId, string GroupId, GroupKind Kind, string Name);
