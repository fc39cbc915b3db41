using System.Text.Json.Serialization;

namespace Aithena.Web.Broker;

/// <summary>
/// One queue as the management API reports it (<c>GET /api/queues/{vhost}/{name}</c>). The counters are null until the
/// broker has collected them once (a few seconds after the queue is declared); <see cref="Declared"/> is false while no
/// service has declared the queue yet.
/// </summary>
public sealed record QueueFigures(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("messages_ready")] long? Ready,
    [property: JsonPropertyName("messages_unacknowledged")] long? Unacknowledged,
    [property: JsonPropertyName("consumers")] int? Consumers)
{
    public bool Declared { get; init; } = true;

    public static QueueFigures NotDeclared(string name) => new(name, null, null, null) { Declared = false };
}
