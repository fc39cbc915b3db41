using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Security;

/// <summary>
/// The <c>ApiKey</c> scheme: a request that carries the configured key in <c>X-Api-Key</c> is the key holder; any
/// other request is anonymous. A made-up key therefore never becomes an identity of its own (which is what the rate
/// limiter partitions by). Challenges answer 401 problem+json before any endpoint runs, so a refused upload's body is
/// never read. Failure messages never repeat the key: the base class logs them.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The one identity a valid key proves; there is one key, so one holder.</summary>
    public const string KeyHolder = "api-key-holder";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName];
        if (!verifier.IsConfigured || presented.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (presented.Count != 1 || !verifier.Matches(presented.ToString()))
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {HeaderName} header does not hold the configured key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, KeyHolder)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return TypedResults.Problem(
            $"This operation needs a valid API key in the {HeaderName} header.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "API key required").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(
            "The API key does not allow this operation.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden").ExecuteAsync(Context);
}
