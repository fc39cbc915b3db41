namespace Aithena.ServiceDefaults.Secrets;

/// <summary>
/// Replaces known secrets (the broker password, API keys) in text leaving the process through a channel
/// the code does not fully control, such as a dependency's health description.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";
    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        // Also the URI- and JSON-escaped spellings, which is how a password usually shows up in text.
        _secrets = secrets
            .Where(s => !string.IsNullOrEmpty(s) && s.Length >= 4)
            .SelectMany(s => new[] { s!, Uri.EscapeDataString(s!), System.Text.Json.JsonEncodedText.Encode(s!).Value })
            .Distinct()
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public static SecretRedactor None { get; } = new([]);

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
