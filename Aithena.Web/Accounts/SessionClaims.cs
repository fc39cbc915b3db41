using System.Security.Claims;
using Aithena.Api.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Aithena.Web.Accounts;

/// <summary>
/// A signed-in session as the cookie holds it (encrypted by ASP.NET Core's data protection): the user's name and role
/// for the pages, and the Api's web token, which this app sends on the user's behalf and never shows to the browser.
/// </summary>
public static class SessionClaims
{
    public const string ApiToken = "aithena:api-token";

    public static ClaimsPrincipal Create(WebToken token) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, token.UserName),
            new Claim(ClaimTypes.Role, token.Role),
            new Claim(ApiToken, token.AccessToken),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));

    public static string? ApiTokenOf(ClaimsPrincipal? user) => user?.FindFirst(ApiToken)?.Value;
}
