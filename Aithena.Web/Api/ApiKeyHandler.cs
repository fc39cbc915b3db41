using Microsoft.Extensions.Options;

namespace Aithena.Web.Api;

/// <summary>Adds the Api key, when one is configured, to every request this app sends to the Api.</summary>
public sealed class ApiKeyHandler(IOptions<AccessOptions> access, IOptions<ApiOptions> api) : DelegatingHandler
{
    public const string HeaderName = "X-Api-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The key is for the Api alone, not for the other services whose health the status page reads.
        if (access.Value.ApiKey is { Length: > 0 } key && request.RequestUri?.Host == api.Value.BaseAddress.Host)
        {
            request.Headers.Remove(HeaderName);
            request.Headers.Add(HeaderName, key);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
