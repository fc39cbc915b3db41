using System.Net.Http.Headers;
using System.Security.Claims;
using Aithena.ServiceDefaults.Access;
using Aithena.Web.Api;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Aithena.Web.Accounts;

/// <summary>
/// The signed-in user's web token on every request to the Api (its scheme, host and port exactly, and nowhere else),
/// so the Api decides by the user's own role; the health key only to <c>/health/detail</c>, and only for an admin's
/// status page. Scoped, so the user is the one of the scope the page runs in: the request while a page renders on the
/// server, the circuit while an interactive page handles an event (an HttpClient message handler would live in a scope
/// of its own and see neither).
/// </summary>
public sealed class UserApiCredentials(
    AuthenticationStateProvider authentication,
    IHttpContextAccessor http,
    IOptions<ApiOptions> api,
    IConfiguration configuration) : IApiCredentials
{
    public async Task ApplyAsync(HttpRequestMessage request)
    {
        request.Headers.Authorization = null;
        request.Headers.Remove(AccessSettings.HealthKeyHeader);
        if (request.RequestUri is not { IsAbsoluteUri: true } target)
        {
            return;
        }

        var user = await UserAsync();
        if (IsApi(target, api.Value.BaseAddress) && SessionClaims.ApiTokenOf(user) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (target.AbsolutePath == "/health/detail" && configuration[AccessSettings.HealthKeyKey] is { Length: > 0 } key
            && (user?.IsInRole(Roles.Admin) == true || AccessSettings.Anonymous(configuration) == AnonymousAccess.Full))
        {
            request.Headers.Add(AccessSettings.HealthKeyHeader, key);
        }
    }

    /// <summary>Same scheme, host and port as the Api's configured address (service discovery resolves it later).</summary>
    public static bool IsApi(Uri target, Uri api) =>
        Uri.Compare(target, api, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private async Task<ClaimsPrincipal?> UserAsync()
    {
        try
        {
            return (await authentication.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // Not a component's scope (the PDF endpoint): the request's own user.
            return http.HttpContext?.User;
        }
    }
}
