namespace Aithena.Api.Accounts;

/// <summary><c>POST /v1/account/tokens</c>: a name for the new token, and how many days it lasts (none: until revoked).</summary>
public sealed record CreateTokenRequest(string Name, int? ExpiresInDays = null);
