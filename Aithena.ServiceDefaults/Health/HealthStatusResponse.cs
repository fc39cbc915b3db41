namespace Aithena.ServiceDefaults.Health;

/// <summary>What <c>/alive</c> and <c>/health</c> answer: the overall status alone, all a probe needs.</summary>
public sealed record HealthStatusResponse(string Status);
