using System.Security.Cryptography;
using System.Text;

namespace Aithena.Api.Accounts;

/// <summary>
/// A personal token's secret: <c>ait_</c> and 256 random bits (base64url), so that scanners and people recognise it
/// and the Api tells it from a web token (a JWT) without trying both. Stored as its SHA-256 only.
/// </summary>
public static class PersonalTokenSecrets
{
    public const string Prefix = "ait_";

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static bool LooksLikeOne(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
