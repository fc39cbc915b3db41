using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aithena.Catalog;

/// <summary>Ready when the catalog opens and its schema is the one this build expects.</summary>
public sealed class CatalogHealthCheck(CatalogDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var version = await CatalogSchema.GetVersionAsync(connection, null, cancellationToken);
            var data = new Dictionary<string, object> { ["schemaVersion"] = version };
            return version == CatalogSchema.CurrentVersion
                ? HealthCheckResult.Healthy("Catalog is reachable.", data)
                : HealthCheckResult.Unhealthy($"Catalog schema is version {version}, expected {CatalogSchema.CurrentVersion}.", data: data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Catalog cannot be opened: {e.GetType().Name}.");
        }
    }
}
