using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Aithena.ServiceDefaults.Access;

/// <summary>
/// Decides a <see cref="RoleRequirement"/> by the caller's own role claim, or, for a caller with no credentials, by
/// <c>Access:Anonymous</c>. Credentials that were presented and refused never fall back to anonymous: a revoked token
/// gets 401 even in a public library.
/// </summary>
public sealed class RoleRequirementHandler(IConfiguration configuration) : AuthorizationHandler<RoleRequirement>
{
    private readonly AnonymousAccess _anonymous = AccessSettings.Anonymous(configuration);

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (Roles.Includes(user.FindFirst(ClaimTypes.Role)?.Value, requirement.Role))
            {
                context.Succeed(requirement);
            }
        }
        else if (!PresentedBearer(context) && Roles.Includes(Roles.ForAnonymous(_anonymous), requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static bool PresentedBearer(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http && http.Request.Headers.Authorization.Count > 0;
}
