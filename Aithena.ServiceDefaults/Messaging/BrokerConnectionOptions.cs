namespace Aithena.ServiceDefaults.Messaging;

/// <summary>
/// The broker's address with credentials, bound from <c>ConnectionStrings</c> (its <c>messaging</c> entry, as Aspire
/// writes it); the bus's other settings are <see cref="MessagingOptions"/>, bound from <c>Messaging</c>.
/// </summary>
public sealed class BrokerConnectionOptions
{
    public const string SettingName = "ConnectionStrings:messaging";
    public const string Hint = "Set it (environment variable ConnectionStrings__messaging) to amqp://user:password@host:port[/vhost]; scripts/broker.sh prints one for a local broker.";

    public string? Messaging { get; set; }

    /// <summary>The parsed endpoint. Only valid after validation passed, which start-up guarantees.</summary>
    public MessagingEndpoint Endpoint =>
        MessagingEndpoint.TryParse(Messaging, out var endpoint, out var error) ? endpoint! : throw new InvalidOperationException(error);
}
