namespace Aithena.Api.Accounts;

/// <summary>
/// A personal API token: named by its owner, shown once, stored only as the SHA-256 of its secret (a random 256-bit
/// value, so a fast hash is enough: there is nothing to guess), revoked by deleting the row.
/// </summary>
public sealed class PersonalToken
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; init; }
    public required string Hash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}
