using System.Security.Cryptography;
using System.Text;
using Aithena.Api.Security;
using Aithena.ServiceDefaults.Access;
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
        var configured = options.Value.TokenKey;
        if (configured is not { Length: > 0 } && options.Value.Anonymous != AnonymousAccess.Full)
        {
            throw new OptionsValidationException(AccessOptions.SectionName, typeof(AccessOptions),
                ["Access:TokenKey is not set: the Api signs signed-in users' tokens with it (at least 32 characters, the same on every replica). " +
                 "Set it, or set Access:Anonymous=Full for a single-user machine."]);
        }

        Key = new SymmetricSecurityKey(configured is { Length: > 0 } ? Encoding.UTF8.GetBytes(configured) : RandomNumberGenerator.GetBytes(32));
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
    }

    public SymmetricSecurityKey Key { get; }
    public SigningCredentials Credentials { get; }
}
