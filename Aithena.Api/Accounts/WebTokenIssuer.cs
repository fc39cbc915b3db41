using System.Security.Claims;
using Aithena.Api.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aithena.Api.Accounts;

/// <summary>
/// Issues a signed-in user's web token: a JWT (HMAC-SHA256) naming the user and their security stamp, valid for
/// <c>Access:WebTokenLifetime</c>. The Api checks the stamp against the user's record on every request, so a password
/// change, a reset, a new role or disabling the user ends every session at once.
/// </summary>
public sealed class WebTokenIssuer(WebTokenSigningKey key, IOptions<AccessOptions> options, TimeProvider clock)
{
    public const string StampClaim = "stamp";

    private static readonly JsonWebTokenHandler Handler = new();

    public WebToken Issue(AithenaUser user)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.WebTokenLifetime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = WebTokenSigningKey.Issuer,
            Audience = WebTokenSigningKey.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = key.Credentials,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id),
                new Claim(JwtRegisteredClaimNames.Name, user.UserName ?? ""),
                new Claim(StampClaim, user.SecurityStamp ?? ""),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });
        return new WebToken(token, expires, user.UserName ?? "", user.Role);
    }
}
