using Aithena.Api.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Aithena.Web.Accounts;

/// <summary>Starts (or renews, after a password change) the session cookie around an Api web token; it ends when the token does.</summary>
public static class SessionCookie
{
    public static Task SignInAsync(HttpContext context, WebToken token) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionClaims.Create(token),
            new AuthenticationProperties { ExpiresUtc = token.ExpiresAt, IsPersistent = false, AllowRefresh = false });

    /// <summary>A return address on this site only: anything else (another host, <c>//host</c>, <c>/\host</c>) becomes "/".</summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
