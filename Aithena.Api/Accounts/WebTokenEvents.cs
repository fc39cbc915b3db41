using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Aithena.Api.Accounts;

/// <summary>
/// After JwtBearer has checked a web token's signature, audience and lifetime: the user must still exist, not be
/// disabled, and have the security stamp the token was issued with; the identity then carries the user's current role.
/// </summary>
public sealed class WebTokenEvents : JwtBearerEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var userId = context.Principal?.FindFirstValue("sub");
        var stamp = context.Principal?.FindFirstValue(WebTokenIssuer.StampClaim);
        var directory = context.HttpContext.RequestServices.GetRequiredService<CallerDirectory>();
        if (userId is null || await directory.FindAsync(userId) is not { Disabled: false } caller || caller.SecurityStamp != stamp)
        {
            context.Fail("The user of this token no longer exists, is disabled, or has signed in again since (password or role changed).");
            return;
        }

        context.Principal = new ClaimsPrincipal(CallerPrincipal.Create(caller, JwtBearerDefaults.AuthenticationScheme));
    }
}
