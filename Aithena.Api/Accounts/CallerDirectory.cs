using Microsoft.EntityFrameworkCore;

namespace Aithena.Api.Accounts;

/// <summary>
/// Reads the caller behind a token: by user id (web tokens) or by the hash of a personal token's secret. One indexed
/// query each, without tracking: this runs on every authenticated request. (Not EF's static compiled queries: those
/// bind to the first database provider that runs them, and a test process hosts Apis on both engines.)
/// </summary>
public sealed class CallerDirectory(AccountsDbContext db, TimeProvider clock)
{
    public Task<Caller?> FindAsync(string userId) => db.Users.AsNoTracking()
        .Where(u => u.Id == userId)
        .Select(u => new Caller(u.Id, u.UserName!, u.Role, u.SecurityStamp, u.Disabled))
        .FirstOrDefaultAsync();

    /// <summary>The owner of a personal token, or null when no such token exists or it has expired.</summary>
    public async Task<Caller?> FindByTokenAsync(string secret)
    {
        var hash = PersonalTokenSecrets.Hash(secret);
        var found = await db.PersonalTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new
            {
                Caller = new Caller(u.Id, u.UserName!, u.Role, u.SecurityStamp, u.Disabled),
                t.ExpiresAt,
            })
            .FirstOrDefaultAsync();
        return found is { } token && (token.ExpiresAt is null || token.ExpiresAt > clock.GetUtcNow()) ? token.Caller : null;
    }
}
