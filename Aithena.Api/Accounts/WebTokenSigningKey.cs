using System.Security.Cryptography;
using System.Text;
using Aithena.Api.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Aithena.Api.Accounts;

/// <summary>
/// The key that signs and checks web tokens: <c>Access:TokenKey</c>, shared by every Api replica. Only under
/// <c>Access:Anonymous=Full</c> may it be missing; then a random key serves this process alone.
/// </summary>
public sealed class WebTokenSigningKey
{
    public const string Issuer = "aithena-api";
    public const string Audience = "aithena";

    public WebTokenSigningKey(IOptions<AccessOptions> options)
    {
        // Required unless Access:Anonymous=Full (checked with the options at start-up).
        var configured = options.Value.TokenKey;
        Key = new SymmetricSecurityKey(configured is { Length: > 0 } ? Encoding.UTF8.GetBytes(configured) : RandomNumberGenerator.GetBytes(32));
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
    }

    public SymmetricSecurityKey Key { get; }
    public SigningCredentials Credentials { get; }
}
