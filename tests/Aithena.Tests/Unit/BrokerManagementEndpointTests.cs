using Aithena.Web.Broker;

namespace Aithena.Tests.Unit;

/// <summary><c>ConnectionStrings:messaging-management</c>: the management API's address, its read-only user, the vhost.</summary>
public sealed class BrokerManagementEndpointTests
{
    [Theory]
    [InlineData("http://monitor:s%40cret@broker:15672/%2F", "http://broker:15672/", "/")]
    [InlineData("http://monitor:s%40cret@127.0.0.1:15682/aithena", "http://127.0.0.1:15682/", "aithena")]
    [InlineData("https://monitor:s%40cret@broker.example/", "https://broker.example/", "/")]
    public void The_address_gives_the_api_without_credentials_the_user_and_the_vhost(string value, string baseAddress, string virtualHost)
    {
        Assert.True(BrokerManagementEndpoint.TryParse(value, out var endpoint, out _));

        Assert.Equal(new Uri(baseAddress), endpoint!.BaseAddress);
        Assert.Equal(("monitor", "s@cret", virtualHost), (endpoint.UserName, endpoint.Password, endpoint.VirtualHost));
        Assert.DoesNotContain("s@cret", endpoint.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amqp://monitor:s3cret-value@broker:5672/", "not an http:// or https:// address")]
    [InlineData("http://broker:15672/", "has no user name and password")]
    [InlineData("http://monitor@broker:15672/", "has no user name and password")]
    [InlineData("not an address s3cret-value", "not an http:// or https:// address")]
    public void A_malformed_address_stops_start_up_with_a_reason_that_does_not_repeat_it(string value, string reason)
    {
        var result = new BrokerManagementOptionsValidator().Validate(null, new BrokerManagementOptions { MessagingManagement = value });

        Assert.True(result.Failed);
        Assert.Contains(reason, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:messaging-management", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_setting_it_is_allowed()
    {
        Assert.True(new BrokerManagementOptionsValidator().Validate(null, new BrokerManagementOptions()).Succeeded);
        Assert.Null(new BrokerManagementOptions().Endpoint);
    }
}
