using System.Text.Json;

namespace Aithena.AppHost.Tests;

/// <summary>A policy as RabbitMQ's management API lists it.</summary>
public sealed record BrokerPolicy(string Name, string Pattern, Dictionary<string, JsonElement> Definition);
