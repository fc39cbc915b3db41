namespace Aithena.ServiceDefaults.Health;

/// <summary>One check of a detailed health report; <see cref="Data"/> holds what the check chose to show.</summary>
public sealed record HealthCheckResponse(
    string Status,
    string? Description,
    double DurationMs,
    IEnumerable<string> Tags,
    IReadOnlyDictionary<string, object> Data);
