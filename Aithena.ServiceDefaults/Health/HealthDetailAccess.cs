using System.Security.Cryptography;
using System.Text;
using Aithena.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.ServiceDefaults.Health;

/// <summary>
/// Who may read the detailed health report (schema version, scan figures, circuit state, check descriptions): an
/// admin the service authenticated (the Api's users), a caller with the configured health key (the web app's status
/// page, for its admins), or anyone when <c>Access:Anonymous</c> is <c>Full</c>. Where a request comes from proves
/// nothing: a proxy on the same machine makes every caller local.
/// </summary>
public static class HealthDetailAccess
{
    public static bool IsAllowed(HttpContext context)
    {
        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        if (AccessSettings.Anonymous(configuration) == AnonymousAccess.Full || context.User.IsInRole(Roles.Admin))
        {
            return true;
        }

        return configuration[AccessSettings.HealthKeyKey] is { Length: > 0 } key
               && context.Request.Headers[AccessSettings.HealthKeyHeader] is { Count: 1 } presented
               && KeysMatch(presented.ToString(), key);
    }

    // Both sides hashed first, so neither the key's length nor a prefix of it shows in the time a comparison takes.
    private static bool KeysMatch(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
