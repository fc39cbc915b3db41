using System.Text.Json;
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

    /// <summary>
    /// The management API's <c>message_stats</c>, read loosely: absent, or not an object (RabbitMQ writes an empty list),
    /// until the broker has counted a message.
    /// </summary>
    [JsonPropertyName("message_stats")]
    public JsonElement MessageStats { get; init; }

    /// <summary>
    /// Messages done a second (acknowledged, after the work): with <see cref="Ready"/>, how long the queue takes to catch
    /// up, embed-document's above all. Null when the broker has none yet.
    /// </summary>
    public double? DonePerSecond =>
        MessageStats.ValueKind == JsonValueKind.Object && MessageStats.TryGetProperty("ack_details", out var ack)
        && ack.ValueKind == JsonValueKind.Object && ack.TryGetProperty("rate", out var rate) && rate.ValueKind == JsonValueKind.Number
            ? rate.GetDouble()
            : null;

    public static QueueFigures NotDeclared(string name) => new(name, null, null, null) { Declared = false };
}
