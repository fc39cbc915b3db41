using Microsoft.EntityFrameworkCore;

namespace Aithena.Api.Accounts;

/// <summary>A user's personal tokens: created (the secret returned once, its hash kept), listed, revoked.</summary>
public sealed class PersonalTokens(AccountsDbContext db, TimeProvider clock, ILogger<PersonalTokens> logger)
{
    public const int MaxPerUser = 50;
    public const int MaxNameLength = 100;

    public async Task<AccountOutcome> CreateAsync(string userId, string userName, CreateTokenRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            return new AccountOutcome.Invalid($"A token needs a name of 1 to {MaxNameLength} characters, to tell it apart when revoking it.");
        }

        if (request.ExpiresInDays is < 1 or > 3650)
        {
            return new AccountOutcome.Invalid("expiresInDays must be between 1 and 3650, or left out for a token that lasts until revoked.");
        }

        if (await db.PersonalTokens.CountAsync(t => t.UserId == userId, cancellationToken) >= MaxPerUser)
        {
            return new AccountOutcome.Conflict($"You have {MaxPerUser} tokens already; revoke one first.");
        }

        var now = clock.GetUtcNow();
        var secret = PersonalTokenSecrets.New();
        var token = new PersonalToken
        {
            Id = Guid.NewGuid().ToString("N"),
            UserId = userId,
            Name = name,
            Hash = PersonalTokenSecrets.Hash(secret),
            CreatedAt = now,
            ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.PersonalTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        AccountsLog.TokenCreated(logger, token.Id, token.Name, userName);
        return new AccountOutcome.Done<CreatedToken>(new CreatedToken(token.Id, token.Name, secret, token.CreatedAt, token.ExpiresAt));
    }

    public async Task<IReadOnlyList<TokenInfo>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var tokens = await db.PersonalTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        // Sorted here: SQLite cannot order by a DateTimeOffset column in SQL.
        return tokens.OrderByDescending(t => t.CreatedAt).Select(t => new TokenInfo(t.Id, t.Name, t.CreatedAt, t.ExpiresAt)).ToList();
    }

    /// <summary>Deletes the token; the next request that presents it gets 401.</summary>
    public async Task<bool> RevokeAsync(string userId, string tokenId, string userName, string actor, CancellationToken cancellationToken)
    {
        var deleted = await db.PersonalTokens.Where(t => t.Id == tokenId && t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            AccountsLog.TokenRevoked(logger, tokenId, userName, actor);
        }

        return deleted > 0;
    }
}
