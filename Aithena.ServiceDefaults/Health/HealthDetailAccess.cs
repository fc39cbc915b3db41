using System.Net;
using Microsoft.AspNetCore.Http;

namespace Aithena.ServiceDefaults.Health;

/// <summary>
/// Who may read the detailed health report (schema version, scan figures, circuit state, check descriptions): a
/// caller on this machine, or one the service authenticated (the Api's key holder). Everyone else gets the status only.
/// </summary>
public static class HealthDetailAccess
{
    public static bool IsAllowed(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true || IsLocal(context);

    private static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
        && IPAddress.IsLoopback(address)
        // A reverse proxy on this machine connects from loopback on behalf of remote clients; it says so in these headers.
        && !context.Request.Headers.ContainsKey("X-Forwarded-For")
        && !context.Request.Headers.ContainsKey("Forwarded");
}
