using Microsoft.Extensions.Configuration;

namespace Aithena.Web.Broker;

/// <summary>
/// The broker's management API with read-only credentials, for the status page's queue figures: bound from
/// <c>ConnectionStrings</c>, its <c>messaging-management</c> entry (environment <c>ConnectionStrings__messaging-management</c>).
/// Optional: without it the page says the figures are not configured. Never the services' own broker credentials:
/// a user with the <c>monitoring</c> tag and no configure, write or read permission.
/// </summary>
public sealed class BrokerManagementOptions
{
    public const string SettingName = "ConnectionStrings:messaging-management";
    public const string Hint = "Set it (environment variable ConnectionStrings__messaging-management) to http://user:password@host:15672/vhost, " +
                               "a broker user with the monitoring tag and no permissions (README, \"Broker users\").";

    [ConfigurationKeyName("messaging-management")]
    public string? MessagingManagement { get; set; }

    /// <summary>Null when not configured. Only valid after validation passed, which start-up guarantees.</summary>
    public BrokerManagementEndpoint? Endpoint =>
        string.IsNullOrWhiteSpace(MessagingManagement) ? null
        : BrokerManagementEndpoint.TryParse(MessagingManagement, out var endpoint, out var error) ? endpoint : throw new InvalidOperationException(error);
}
