using System.Net;
using System.Security.Claims;
using Aithena.ServiceDefaults.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Unit;

public sealed class HealthDetailAccessTests
{
    private static HttpContext Caller(string? anonymous, string? role = null, string? key = null, string address = "127.0.0.1")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Access:Anonymous"] = anonymous,
            ["Access:HealthKey"] = "the-configured-health-key",
        }).Build();
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton<IConfiguration>(configuration).BuildServiceProvider() };
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (role is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "Bearer", ClaimTypes.Name, ClaimTypes.Role));
        }

        if (key is not null)
        {
            context.Request.Headers["X-Health-Key"] = key;
        }

        return context;
    }

    [Theory]
    [InlineData(null, null, null, false)]                            // a local caller is no one in particular: a proxy makes everyone local
    [InlineData("None", "reader", null, false)]
    [InlineData("None", "librarian", null, false)]
    [InlineData("None", "admin", null, true)]
    [InlineData("Read", null, null, false)]
    [InlineData("Full", null, null, true)]
    [InlineData("None", null, "the-configured-health-key", true)]   // the web app's status page, for its admins
    [InlineData("None", null, "the-configured-health-kez", false)]
    public void Detail_is_for_admins_and_holders_of_the_health_key_only(string? anonymous, string? role, string? key, bool allowed) =>
        Assert.Equal(allowed, HealthDetailAccess.IsAllowed(Caller(anonymous, role, key)));
}
