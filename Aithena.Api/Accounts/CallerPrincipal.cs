using System.Security.Claims;

namespace Aithena.Api.Accounts;

/// <summary>The identity every authenticated request carries: the user's id, name and current role from the catalog.</summary>
public static class CallerPrincipal
{
    public static ClaimsIdentity Create(Caller caller, string scheme) => new(
        [
            new Claim(ClaimTypes.NameIdentifier, caller.Id),
            new Claim(ClaimTypes.Name, caller.UserName),
            new Claim(ClaimTypes.Role, caller.Role),
        ],
        scheme, ClaimTypes.Name, ClaimTypes.Role);

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
