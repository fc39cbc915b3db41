using System.Net.Http.Headers;
using Aithena.ServiceDefaults.Access;
using Aithena.Web.Api;
using Microsoft.Extensions.Options;

namespace Aithena.Web.Accounts;

/// <summary>
/// Sends the signed-in user's web token with every request to the Api (its scheme, host and port exactly, and nowhere
/// else), so the Api decides by the user's own role. The health key goes only to <c>/health/detail</c>, and only for an
/// admin's status page.
/// </summary>
public sealed class UserTokenHandler(CurrentUser currentUser, IOptions<ApiOptions> api, IConfiguration configuration) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = null;
        request.Headers.Remove(AccessSettings.HealthKeyHeader);
        var user = await currentUser.GetAsync();
        if (request.RequestUri is { } target && IsApi(target, api.Value.BaseAddress) && SessionClaims.ApiTokenOf(user) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (request.RequestUri?.AbsolutePath == "/health/detail" && configuration[AccessSettings.HealthKeyKey] is { Length: > 0 } key
            && (user?.IsInRole(Roles.Admin) == true || AccessSettings.Anonymous(configuration) == AnonymousAccess.Full))
        {
            request.Headers.Add(AccessSettings.HealthKeyHeader, key);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Same scheme, host and port as the Api's configured address (service discovery resolves it later).</summary>
    internal static bool IsApi(Uri target, Uri api) =>
        Uri.Compare(target, api, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
