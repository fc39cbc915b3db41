using System.Security.Cryptography;
using System.Text;

namespace Aithena.Contracts;

/// <summary>
/// A document's id is a function of its library-relative path, so the Api and the Lister
/// give the same file the same id without asking each other.
/// </summary>
public static class DocumentIds
{
    /// <summary>32 lowercase hex characters: the first 128 bits of SHA-256 of the normalised path.</summary>
    public static string FromPath(string relativePath)
    {
        var normalised = NormalisePath(relativePath);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalised), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>Forward slashes, no leading slash, Unicode NFC (macOS and Linux spell "é" differently).</summary>
    public static string NormalisePath(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        return relativePath.Replace('\\', '/').TrimStart('/').Normalize(NormalizationForm.FormC);
    }

    public static bool IsValid(string? id) =>
        id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
