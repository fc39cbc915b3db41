namespace Aithena.Api.Security;

/// <summary>
/// Refuses (403) a request that changes something when a browser says it comes from another site: <c>Sec-Fetch-Site</c>
/// <c>cross-site</c> or <c>same-site</c>, or an <c>Origin</c> that is not this Api's. The Api's own callers (the web
/// app's server, scripts, curl) send neither. With credentials required a forged form already gets 401, having no
/// token; this guard is what stops one under <c>Access:Anonymous=Full</c>, where no credentials are needed.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            || !IsCrossSite(context.Request))
        {
            return next(context);
        }

        return TypedResults.Problem(
            "A browser sent this request from another site; the Api takes changes only from its own callers.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Cross-site request refused").ExecuteAsync(context);
    }

    internal static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        // "null" (a sandboxed frame, a file: page) and any origin other than this host are someone else.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
               || !string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
               || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
