namespace Aithena.Web.Broker;

/// <summary>
/// The broker's management API, parsed from <c>ConnectionStrings:messaging-management</c>
/// (<c>http://user:password@host:port/vhost</c>, user, password and vhost URI-encoded: <c>%2F</c> for <c>/</c>).
/// </summary>
public sealed class BrokerManagementEndpoint
{
    private BrokerManagementEndpoint(Uri baseAddress, string virtualHost, string userName, string password)
    {
        BaseAddress = baseAddress;
        VirtualHost = virtualHost;
        UserName = userName;
        Password = password;
    }

    /// <summary>Scheme, host and port only: the credentials travel in the Authorization header, never in an address that could be logged.</summary>
    public Uri BaseAddress { get; }
    public string VirtualHost { get; }
    public string UserName { get; }
    public string Password { get; }

    /// <summary>The address without the password: safe for logs.</summary>
    public override string ToString() => $"{BaseAddress.Scheme}://{Uri.EscapeDataString(UserName)}:***@{BaseAddress.Authority}/{Uri.EscapeDataString(VirtualHost)}";

    /// <summary>Parses a connection string; the error never repeats the value, which holds a password.</summary>
    public static bool TryParse(string value, out BrokerManagementEndpoint? endpoint, out string error)
    {
        endpoint = null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            error = $"{BrokerManagementOptions.SettingName} is not an http:// or https:// address. {BrokerManagementOptions.Hint}";
            return false;
        }

        var separator = uri.UserInfo.IndexOf(':');
        var user = separator < 0 ? Uri.UnescapeDataString(uri.UserInfo) : Uri.UnescapeDataString(uri.UserInfo[..separator]);
        var password = separator < 0 ? "" : Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        if (user.Length == 0 || password.Length == 0)
        {
            error = $"{BrokerManagementOptions.SettingName} has no user name and password. {BrokerManagementOptions.Hint}";
            return false;
        }

        // The path is the vhost, as in the amqp:// address: empty for the default vhost "/".
        var path = uri.AbsolutePath.Trim('/');
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        endpoint = new BrokerManagementEndpoint(new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri, virtualHost, user, password);
        error = "";
        return true;
    }
}
