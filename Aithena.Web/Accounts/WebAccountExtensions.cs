using Aithena.ServiceDefaults.Access;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Aithena.Web.Accounts;

public static class WebAccountExtensions
{
    /// <summary>
    /// People sign in here (a cookie that lasts as long as the Api's web token inside it), pages are authorised by the
    /// same role policies as the Api's, and every call to the Api carries the signed-in user's token.
    /// </summary>
    public static IServiceCollection AddWebAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "aithena.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax; // never sent with another site's POST
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/signin";
                cookie.AccessDeniedPath = "/forbidden";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.SlidingExpiration = false; // the session ends with the token inside it
            });
        services.AddRolePolicies();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<IApiCredentials, UserApiCredentials>();
        return services;
    }
}
