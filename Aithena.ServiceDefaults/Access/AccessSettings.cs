using Microsoft.Extensions.Configuration;

namespace Aithena.ServiceDefaults.Access;

/// <summary>Reads the settings every service shares about who may do what.</summary>
public static class AccessSettings
{
    public const string AnonymousKey = "Access:Anonymous";

    /// <summary>
    /// The key that opens <c>/health/detail</c> on a service without accounts of its own (the Indexer, the Lister), sent
    /// in <see cref="HealthKeyHeader"/>: the web app's status page holds it and uses it for admins only.
    /// </summary>
    public const string HealthKeyKey = "Access:HealthKey";

    public const string HealthKeyHeader = "X-Health-Key";

    /// <summary><c>Access:Anonymous</c>; a value that is not one of None, Read, Full stops start-up with that message.</summary>
    public static AnonymousAccess Anonymous(IConfiguration configuration)
    {
        var value = configuration[AnonymousKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return AnonymousAccess.None;
        }

        return Enum.TryParse<AnonymousAccess>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw new InvalidOperationException($"{AnonymousKey} is '{value}': use None (sign-in required), Read (searching and reading open) or Full (everything open).");
    }
}
