using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Aithena.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary><c>POST /signout</c>: ends the session (a form with an antiforgery token, so another site cannot sign you out).</summary>
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("/signin");
        });
        return app;
    }
}
