using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Aithena.Web.Security;

public static class ForwardedHeadersExtensions
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";

    /// <summary>
    /// Reads <c>X-Forwarded-For</c>/<c>-Proto</c>/<c>-Host</c> only from the proxies listed in
    /// <c>ForwardedHeaders:KnownProxies</c> (addresses separated by ';' or ','); with none listed, forwarded headers are
    /// ignored, so a client cannot claim another address, scheme or host.
    /// </summary>
    public static WebApplication UseForwardedHeadersFromKnownProxies(this WebApplication app)
    {
        var proxies = (app.Configuration[KnownProxiesKey] ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (proxies.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
