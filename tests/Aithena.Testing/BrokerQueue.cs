namespace Aithena.Testing;

/// <summary>A queue as the management API lists it (its counters lag a few seconds on quorum queues).</summary>
public sealed record BrokerQueue(string Name, string Type, int Messages, int Consumers);
