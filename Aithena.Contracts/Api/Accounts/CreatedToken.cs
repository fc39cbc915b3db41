namespace Aithena.Api.Accounts;

/// <summary>A new personal token: <see cref="Token"/> is shown this once and never again (only its hash is kept).</summary>
public sealed record CreatedToken(string Id, string Name, string Token, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
