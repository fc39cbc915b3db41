namespace Aithena.Catalog;

/// <summary>A collection or a tag, with how many documents it holds.</summary>
public sealed record DocumentGroup(string Id, GroupKind Kind, string Name, string? Description, int Documents, DateTimeOffset CreatedAt);
