using System.Text.Json;

namespace Aithena.Testing;

/// <summary>A message as the management API returns it: body, delivery mode (2 = persistent) and headers.</summary>
public sealed record PeekedMessage(string Payload, int DeliveryMode, JsonElement Headers)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>The MassTransit envelope's <c>message</c>, read as the contract it was sent as.</summary>
    public T MessageAs<T>() =>
        JsonDocument.Parse(Payload).RootElement.GetProperty("message").Deserialize<T>(Web)
        ?? throw new JsonException($"the envelope holds no {typeof(T).Name}: {Payload}");

    public string? Header(string name) =>
        Headers.ValueKind == JsonValueKind.Object && Headers.TryGetProperty(name, out var value) ? value.ToString() : null;
}
