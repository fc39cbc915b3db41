using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Security;

/// <summary>
/// Holds the configured API key as a hash and compares a presented key against it in constant time: both sides are
/// hashed first, so neither the length nor any prefix of the key shows in the time a comparison takes.
/// </summary>
public sealed class ApiKeyVerifier(IOptions<AccessOptions> options)
{
    private readonly byte[]? _expected = options.Value.ApiKey is { Length: > 0 } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    /// <summary>Whether a key is configured at all; without one there is no identity to prove.</summary>
    public bool IsConfigured => _expected is not null;

    public bool Matches(string presented) =>
        _expected is not null && presented.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected);
}
