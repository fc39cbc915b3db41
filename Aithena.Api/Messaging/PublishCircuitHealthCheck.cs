using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace Aithena.Api.Messaging;

/// <summary>Closed: Healthy. Half-open or open: Degraded, since only uploads need the broker.</summary>
public sealed class PublishCircuitHealthCheck(PublishCircuit circuit) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["state"] = circuit.State.ToString() };
        return Task.FromResult(circuit.State switch
        {
            CircuitState.Closed => HealthCheckResult.Healthy("Publish circuit closed: uploads are queued.", data),
            CircuitState.HalfOpen => HealthCheckResult.Degraded("Publish circuit half-open: testing the broker with one upload.", data: data),
            // Degraded, not Unhealthy: only uploads need the broker; search and downloads still work on this instance.
            _ => HealthCheckResult.Degraded("Publish circuit open: the broker did not confirm recent sends, uploads fail fast.", data: data),
        });
    }
}
