using Aithena.Api.Security;
using Aithena.ServiceDefaults.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Accounts;

/// <summary>
/// On start (after the catalog's schema is migrated): when no administrator exists and <c>Access:AdminPassword</c> is
/// set, creates the user <c>admin</c> with it. Replicas starting at once race to create it; the user name is unique,
/// so one wins and the others find it taken.
/// </summary>
public sealed class FirstAdministrator(IServiceScopeFactory scopes, IOptions<AccessOptions> options, TimeProvider clock, ILogger<FirstAdministrator> logger)
    : IHostedService
{
    public const string UserName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AithenaUser>>();
        if (await users.Users.AnyAsync(u => u.Role == Roles.Admin, cancellationToken))
        {
            return;
        }

        if (options.Value.AdminPassword is not { Length: > 0 } password)
        {
            AccountsLog.NoAdministrator(logger);
            return;
        }

        var admin = new AithenaUser { UserName = UserName, Role = Roles.Admin, CreatedAt = clock.GetUtcNow() };
        var result = await users.CreateAsync(admin, password);
        if (result.Succeeded)
        {
            AccountsLog.FirstAdministratorCreated(logger, UserName);
        }
        else if (result.Errors.All(e => e.Code != nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            throw new InvalidOperationException("The first administrator could not be created from Access:AdminPassword: " +
                                                string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
