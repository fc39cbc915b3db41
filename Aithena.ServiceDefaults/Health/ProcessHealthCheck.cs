using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aithena.ServiceDefaults.Health;

/// <summary>
/// This process: when it started, its id, and how many times its supervisor restarted the service before (the
/// AppHost sets <c>Aithena:RestartCount</c> when it starts a worker again after a crash). Degraded for
/// <see cref="RecentlyRestarted"/> after a restart, so the status page marks a worker that died and came back; the
/// readiness probe never runs it (detail only).
/// </summary>
public sealed class ProcessHealthCheck(IConfiguration configuration, TimeProvider time) : IHealthCheck
{
    public const string RestartsKey = "Aithena:RestartCount";
    public static readonly TimeSpan RecentlyRestarted = TimeSpan.FromMinutes(10);

    private static readonly DateTimeOffset StartedAt = new(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var restarts = int.TryParse(configuration[RestartsKey], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
        var up = time.GetUtcNow() - StartedAt;
        var data = new Dictionary<string, object>
        {
            ["startedAt"] = StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["processId"] = Environment.ProcessId,
            ["restarts"] = restarts,
        };
        var since = string.Create(CultureInfo.InvariantCulture, $"up since {StartedAt:yyyy-MM-dd HH:mm:ss} UTC ({Duration(up)})");
        if (restarts == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"Process {Environment.ProcessId}, {since}.", data));
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"Restarted after its process died ({restarts} restart{(restarts == 1 ? "" : "s")} so far); process {Environment.ProcessId}, {since}.");
        return Task.FromResult(up < RecentlyRestarted ? HealthCheckResult.Degraded(description, data: data) : HealthCheckResult.Healthy(description, data));
    }

    private static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds} s");
}
