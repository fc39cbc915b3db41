namespace Aithena.Api.Accounts;

/// <summary>A user as admins see it.</summary>
public sealed record UserResponse(string Id, string UserName, string Role, bool Disabled, bool LockedOut, DateTimeOffset CreatedAt);
