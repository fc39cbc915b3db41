using Microsoft.EntityFrameworkCore;

namespace Aithena.Api.Accounts;

/// <summary>
/// Reads the caller behind a token: by user id (web tokens) or by the hash of a personal token's secret. One indexed
/// query each, compiled once, no tracking: this runs on every authenticated request.
/// </summary>
public sealed class CallerDirectory(AccountsDbContext db, TimeProvider clock)
{
    private static readonly Func<AccountsDbContext, string, Task<Caller?>> ById = EF.CompileAsyncQuery(
        (AccountsDbContext context, string id) => context.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new Caller(u.Id, u.UserName!, u.Role, u.SecurityStamp, u.Disabled))
            .FirstOrDefault());

    private static readonly Func<AccountsDbContext, string, Task<TokenCaller?>> ByTokenHash = EF.CompileAsyncQuery(
        (AccountsDbContext context, string hash) => context.PersonalTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(context.Users, t => t.UserId, u => u.Id, (t, u) => new TokenCaller(
                new Caller(u.Id, u.UserName!, u.Role, u.SecurityStamp, u.Disabled), t.ExpiresAt))
            .FirstOrDefault());

    public Task<Caller?> FindAsync(string userId) => ById(db, userId);

    /// <summary>The owner of a personal token, or null when no such token exists or it has expired.</summary>
    public async Task<Caller?> FindByTokenAsync(string secret)
    {
        var found = await ByTokenHash(db, PersonalTokenSecrets.Hash(secret));
        return found is { } token && (token.ExpiresAt is null || token.ExpiresAt > clock.GetUtcNow()) ? token.Caller : null;
    }

    private sealed record TokenCaller(Caller Caller, DateTimeOffset? ExpiresAt);
}
