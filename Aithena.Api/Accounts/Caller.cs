namespace Aithena.Api.Accounts;

/// <summary>What authentication needs of a user, read fresh from the catalog on every request.</summary>
public sealed record Caller(string Id, string UserName, string Role, string? SecurityStamp, bool Disabled);
