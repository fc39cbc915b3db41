using Aithena.ServiceDefaults.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aithena.Api.Accounts;

/// <summary>
/// What admins do to users: create, change role, disable or enable, reset a password. Every change that takes rights
/// away renews the user's security stamp, so their web tokens stop working on the next request; none may leave the
/// library without an enabled administrator.
/// </summary>
public sealed class UserAdministration(UserManager<AithenaUser> users, TimeProvider clock, ILogger<UserAdministration> logger)
{
    public async Task<IReadOnlyList<UserResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().ToListAsync(cancellationToken);
        return all.OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase).Select(ToResponse).ToList();
    }

    public async Task<UserResponse?> FindAsync(string id) => await users.FindByIdAsync(id) is { } user ? ToResponse(user) : null;

    public async Task<AccountOutcome> CreateAsync(CreateUserRequest request, string actor)
    {
        if (!Roles.IsKnown(request.Role))
        {
            return new AccountOutcome.Invalid($"Unknown role '{request.Role}'. Use one of: {string.Join(", ", Roles.All)}.");
        }

        var user = new AithenaUser { UserName = request.UserName?.Trim(), Role = request.Role, CreatedAt = clock.GetUtcNow() };
        var result = await users.CreateAsync(user, request.Password ?? "");
        if (!result.Succeeded)
        {
            return Invalid(result);
        }

        AccountsLog.UserCreated(logger, user.UserName!, user.Role, actor);
        return new AccountOutcome.Done<UserResponse>(ToResponse(user));
    }

    public async Task<AccountOutcome> UpdateAsync(string id, UpdateUserRequest request, string actor)
    {
        if (request.Role is not null && !Roles.IsKnown(request.Role))
        {
            return new AccountOutcome.Invalid($"Unknown role '{request.Role}'. Use one of: {string.Join(", ", Roles.All)}.");
        }

        if (await users.FindByIdAsync(id) is not { } user)
        {
            return new AccountOutcome.NotFound();
        }

        var role = request.Role ?? user.Role;
        var disabled = request.Disabled ?? user.Disabled;
        if (user.Role == Roles.Admin && !user.Disabled && (role != Roles.Admin || disabled) && await IsLastAdministratorAsync(user))
        {
            return new AccountOutcome.Conflict("This is the only enabled administrator: make another user an admin first.");
        }

        var oldRole = user.Role;
        var wasDisabled = user.Disabled;
        user.Role = role;
        user.Disabled = disabled;
        var result = await users.UpdateSecurityStampAsync(user); // saves the user, with a new stamp: old web tokens end
        if (!result.Succeeded)
        {
            return Invalid(result);
        }

        if (oldRole != role)
        {
            AccountsLog.RoleChanged(logger, user.UserName!, oldRole, role, actor);
        }

        if (wasDisabled != disabled)
        {
            AccountsLog.DisabledChanged(logger, user.UserName!, disabled ? "disabled" : "enabled", actor);
        }

        return new AccountOutcome.Done<UserResponse>(ToResponse(user));
    }

    public async Task<AccountOutcome> ResetPasswordAsync(string id, string password, string actor)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return new AccountOutcome.NotFound();
        }

        // Validated before anything changes, so a refused password leaves the old one in place.
        foreach (var validator in users.PasswordValidators)
        {
            if (await validator.ValidateAsync(users, user, password ?? "") is { Succeeded: false } refused)
            {
                return Invalid(refused);
            }
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, password!);
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            return Invalid(result);
        }

        await users.SetLockoutEndDateAsync(user, null);
        AccountsLog.PasswordReset(logger, user.UserName!, actor);
        return new AccountOutcome.Done<UserResponse>(ToResponse(user));
    }

    private async Task<bool> IsLastAdministratorAsync(AithenaUser user) =>
        !await users.Users.AnyAsync(u => u.Role == Roles.Admin && !u.Disabled && u.Id != user.Id);

    private UserResponse ToResponse(AithenaUser user) =>
        new(user.Id, user.UserName!, user.Role, user.Disabled, user.LockoutEnd > clock.GetUtcNow(), user.CreatedAt);

    private static AccountOutcome.Invalid Invalid(IdentityResult result) =>
        new(string.Join(" ", result.Errors.Select(e => e.Description)));
}
