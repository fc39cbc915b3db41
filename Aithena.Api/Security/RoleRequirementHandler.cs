using Aithena.ServiceDefaults.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Security;

/// <summary>
/// Decides a <see cref="RoleRequirement"/> by the caller's own role (the role claim the authentication handlers read
/// from the user's current record), or, for a caller with no credentials, by <c>Access:Anonymous</c>. Credentials that
/// were presented and refused never fall back to anonymous: a revoked token gets 401 even in a public library.
/// </summary>
public sealed class RoleRequirementHandler(IOptions<AccessOptions> access) : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (Roles.Includes(user.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value, requirement.Role))
            {
                context.Succeed(requirement);
            }
        }
        else if (!PresentedCredentials(context) && Roles.Includes(Roles.ForAnonymous(access.Value.Anonymous), requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static bool PresentedCredentials(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http && http.Request.Headers.Authorization.Count > 0;
}
