namespace Aithena.Api.Accounts;

/// <summary><c>PATCH /v1/users/{id}</c>: a new role, and/or disabled or enabled; what is null stays as it is.</summary>
public sealed record UpdateUserRequest(string? Role = null, bool? Disabled = null);
