using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aithena.Catalog;

/// <summary>Ready when the catalog opens and its schema is the one this build expects.</summary>
public sealed class CatalogHealthCheck(ICatalogSchema schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await schema.GetVersionAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["schemaVersion"] = version, ["engine"] = schema.Engine.ToString() };
            return version == schema.CurrentVersion
                ? HealthCheckResult.Healthy("Catalog is reachable.", data)
                : HealthCheckResult.Unhealthy($"Catalog schema is version {version}, expected {schema.CurrentVersion}.", data: data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Catalog cannot be opened: {e.GetType().Name}.");
        }
    }
}
