using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Accounts;

/// <summary>
/// <c>Authorization: Bearer ait_...</c>: a personal token, looked up by the hash of its secret; its owner must exist and
/// not be disabled. Failure messages never repeat the token: the base class logs them.
/// </summary>
public sealed class PersonalTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } secret)
        {
            return AuthenticateResult.NoResult();
        }

        var directory = Context.RequestServices.GetRequiredService<CallerDirectory>();
        if (await directory.FindByTokenAsync(secret) is not { Disabled: false } caller)
        {
            return AuthenticateResult.Fail("The personal token is unknown, revoked or expired, or its user is disabled.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(CallerPrincipal.Create(caller, SchemeName)), SchemeName));
    }
}
