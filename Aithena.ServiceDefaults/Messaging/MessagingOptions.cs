namespace Aithena.ServiceDefaults.Messaging;

/// <summary>Timeouts of the bus's life cycle, bound from <c>Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>How long start-up waits for the broker before the service gives up.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stopping service waits for the message in flight before handing it back unacknowledged.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
