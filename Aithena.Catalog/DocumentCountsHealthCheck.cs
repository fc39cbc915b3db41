using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aithena.Catalog;

/// <summary>
/// How many documents have each status, for the detailed health report (<c>/health/detail</c>) and the status page:
/// one grouped count over the status index. Never Unhealthy: the <c>catalog</c> check says whether the catalog can
/// serve; a count that fails only leaves the figures out.
/// </summary>
public sealed class DocumentCountsHealthCheck(IDocumentCatalog catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var counts = await catalog.CountByStatusAsync(cancellationToken);
            var data = counts.ToDictionary(c => c.Key, c => (object)c.Value);
            return HealthCheckResult.Healthy($"{counts.Values.Sum()} documents in the catalog.", data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded($"Documents cannot be counted: {e.GetType().Name}.");
        }
    }
}
