namespace Aithena.Api.Accounts;

/// <summary>A personal token as listed: its name and dates, never its secret.</summary>
public sealed record TokenInfo(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
