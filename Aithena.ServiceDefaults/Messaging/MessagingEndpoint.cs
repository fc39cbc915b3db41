namespace Aithena.ServiceDefaults.Messaging;

/// <summary>
/// The broker to connect to, parsed from <c>ConnectionStrings:messaging</c>
/// (<c>amqp://user:password@host:port[/vhost]</c>, user and password URI-encoded as Aspire writes them).
/// </summary>
public sealed class MessagingEndpoint
{
    private MessagingEndpoint(string host, int port, string virtualHost, string userName, string password, bool useTls)
    {
        Host = host;
        Port = port;
        VirtualHost = virtualHost;
        UserName = userName;
        Password = password;
        UseTls = useTls;
    }

    public string Host { get; }
    public int Port { get; }
    public string VirtualHost { get; }
    public string UserName { get; }
    public string Password { get; }
    public bool UseTls { get; }

    public bool IsGuest => string.Equals(UserName, "guest", StringComparison.Ordinal);

    /// <summary>The address without the password: safe for logs and health reports.</summary>
    public override string ToString() =>
        $"{(UseTls ? "amqps" : "amqp")}://{Uri.EscapeDataString(UserName)}:***@{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}";

    /// <summary>Parses a connection string; the error never repeats the value, which holds a password.</summary>
    public static bool TryParse(string? value, out MessagingEndpoint? endpoint, out string error)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = $"{BrokerConnectionOptions.SettingName} is not set. {BrokerConnectionOptions.Hint}";
            return false;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(uri.Host))
        {
            error = $"{BrokerConnectionOptions.SettingName} is not an amqp:// or amqps:// address. {BrokerConnectionOptions.Hint}";
            return false;
        }

        var separator = uri.UserInfo.IndexOf(':');
        var user = separator < 0 ? Uri.UnescapeDataString(uri.UserInfo) : Uri.UnescapeDataString(uri.UserInfo[..separator]);
        var password = separator < 0 ? "" : Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        if (user.Length == 0 || password.Length == 0)
        {
            error = $"{BrokerConnectionOptions.SettingName} has no user name and password. Credentials are required: {BrokerConnectionOptions.Hint}";
            return false;
        }

        var useTls = uri.Scheme == "amqps";
        var path = uri.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (useTls ? 5671 : 5672) : uri.Port;
        endpoint = new MessagingEndpoint(uri.Host, port, virtualHost, user, password, useTls);
        error = "";
        return true;
    }
}
