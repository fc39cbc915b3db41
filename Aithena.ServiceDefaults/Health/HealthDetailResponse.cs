namespace Aithena.ServiceDefaults.Health;

/// <summary>What <c>/health/detail</c> answers: every check by name, for people and dashboards.</summary>
public sealed record HealthDetailResponse(string Status, double TotalDurationMs, IReadOnlyDictionary<string, HealthCheckResponse> Checks);
