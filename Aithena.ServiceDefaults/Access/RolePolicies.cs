using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.ServiceDefaults.Access;

/// <summary>One authorization policy per role, named for it (that role or a higher one), and one for any signed-in user.</summary>
public static class RolePolicies
{
    /// <summary>One's own account: any signed-in user, never anonymous whatever <c>Access:Anonymous</c> says.</summary>
    public const string SignedIn = "signed-in";

    public static AuthorizationBuilder AddRolePolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, RoleRequirementHandler>();
        var builder = services.AddAuthorizationBuilder();
        foreach (var role in Roles.All)
        {
            builder.AddPolicy(role, policy => policy.AddRequirements(new RoleRequirement(role)));
        }

        return builder.AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser());
    }
}
