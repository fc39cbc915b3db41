using Aithena.ServiceDefaults.Messaging;
using Aithena.ServiceDefaults.Secrets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Aithena.Tests.Unit;

public sealed class MessagingEndpointTests
{
    [Fact]
    public void Parses_an_aspire_style_connection_string_with_encoded_credentials()
    {
        Assert.True(MessagingEndpoint.TryParse("amqp://svc%40x:p%3Ass%2Fw0rd@broker.local:5673", out var endpoint, out _));
        Assert.Equal(("svc@x", "p:ss/w0rd", "broker.local", 5673, "/"), (endpoint!.UserName, endpoint.Password, endpoint.Host, endpoint.Port, endpoint.VirtualHost));
    }

    [Fact]
    public void Reads_the_virtual_host_from_the_path()
    {
        Assert.True(MessagingEndpoint.TryParse("amqp://u:p@localhost:5680/aithena", out var endpoint, out _));
        Assert.Equal("aithena", endpoint!.VirtualHost);
    }

    [Fact]
    public void Printing_the_endpoint_never_shows_the_password()
    {
        Assert.True(MessagingEndpoint.TryParse("amqp://u:topsecret@localhost:5680/v", out var endpoint, out _));
        Assert.DoesNotContain("topsecret", endpoint!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("amqp://localhost:5672", "no user name and password")]
    [InlineData("amqp://onlyuser@localhost:5672", "no user name and password")]
    [InlineData("http://u:secretpw@localhost", "not an amqp")]
    [InlineData("not a uri secretpw", "not an amqp")]
    public void Missing_or_malformed_settings_are_refused_with_a_message_naming_the_setting_and_not_the_value(string? value, string expected)
    {
        Assert.False(MessagingEndpoint.TryParse(value, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:messaging", error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__messaging", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secretpw", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    public void Guest_is_refused_outside_development(string environment, bool allowed)
    {
        var validator = new BrokerConnectionOptionsValidator(new HostingEnvironment { EnvironmentName = environment });
        var result = validator.Validate(null, new BrokerConnectionOptions { Messaging = "amqp://guest:guest@localhost:5672" });
        Assert.Equal(allowed, result.Succeeded);
        if (!allowed)
        {
            Assert.Contains("guest", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_redactor_masks_a_password_in_its_plain_uri_and_json_spellings()
    {
        var redactor = new SecretRedactor(["p@ss\"word"]);
        Assert.Equal("a *** b *** c ***", redactor.Redact("a p@ss\"word b p%40ss%22word c p@ss\\u0022word"));
    }
}
