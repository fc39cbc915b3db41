namespace Aithena.Api.Accounts;

/// <summary><c>GET /v1/account</c>: who the caller is.</summary>
public sealed record AccountResponse(string UserName, string Role);
