using System.Net;
using System.Security.Claims;
using Aithena.ServiceDefaults.Health;
using Microsoft.AspNetCore.Http;

namespace Aithena.Tests.Unit;

public sealed class HealthDetailAccessTests
{
    private static HttpContext Caller(string address, bool authenticated = false, string? forwardedFor = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (authenticated)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key-holder")], "ApiKey"));
        }

        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return context;
    }

    [Theory]
    [InlineData("127.0.0.1", false, null, true)]
    [InlineData("::1", false, null, true)]
    [InlineData("192.0.2.7", false, null, false)]
    [InlineData("2001:db8::7", false, null, false)]
    [InlineData("127.0.0.1", false, "192.0.2.7", false)] // a local reverse proxy speaking for a remote client
    [InlineData("192.0.2.7", true, null, true)] // the Api's key holder
    public void Detail_is_for_local_or_authenticated_callers_only(string address, bool authenticated, string? forwardedFor, bool allowed) =>
        Assert.Equal(allowed, HealthDetailAccess.IsAllowed(Caller(address, authenticated, forwardedFor)));
}
