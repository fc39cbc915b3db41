namespace Aithena.Web.Broker;

/// <summary>What the status page shows of the queues: not configured, the broker's answer, or why there is none.</summary>
public sealed record QueueReport(bool Configured, IReadOnlyList<QueueFigures> Queues, string? Problem)
{
    public static QueueReport NotConfigured { get; } = new(false, [], null);
}
