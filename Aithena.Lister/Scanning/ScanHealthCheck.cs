using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Aithena.Lister.Scanning;

/// <summary>Healthy while scans complete on time; degraded when the last one could not send everything; unhealthy when scans stopped.</summary>
public sealed class ScanHealthCheck(ScanStatus status, IOptions<ListerOptions> options, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var last = status.Last;
        var data = new Dictionary<string, object>();
        if (last is not null)
        {
            data["lastScanCompletedAt"] = last.CompletedAt.ToString("O");
            data["filesSeen"] = last.FilesSeen;
            data["queued"] = last.Queued;
            data["removed"] = last.Removed;
            data["pending"] = last.Pending;
            data["elapsedMs"] = Math.Round(last.Elapsed.TotalMilliseconds);
        }

        // Allow three intervals (plus the time a big scan takes) before calling the Lister stuck.
        var since = last?.CompletedAt ?? status.StartedAt;
        var allowed = options.Value.Interval * 3 + (last?.Elapsed ?? TimeSpan.Zero) + TimeSpan.FromMinutes(1);
        var result = clock.GetUtcNow() - since > allowed
            ? HealthCheckResult.Unhealthy($"No scan completed since {since:O}.", data: data)
            : status.LastError is { } error
                ? HealthCheckResult.Degraded($"Last scan did not finish: {error}", data: data)
                : HealthCheckResult.Healthy(last is null ? "First scan running." : "Scans complete on time.", data);
        return Task.FromResult(result);
    }
}
