using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aithena.AppHost.Restarts;

/// <summary>
/// Restarts a worker process that died, in run mode: Aspire 13.6 leaves an exited project exited (restart policies
/// exist for containers only), so an Indexer killed by a fatal runtime error would leave every later document queued.
/// Watches the resources' states; when a worker replica exits with a non-zero code (a crash, SIGKILL) while the app is
/// not stopping, it runs the resource's own start command after a pause that doubles with each restart, and gives up
/// after <see cref="WorkerRestartOptions.MaxRestarts"/> within the window. An exit code of 0 is a stop someone asked
/// for (the dashboard's Stop) and is left alone. Each restart shows in the dashboard: a line in the replica's console
/// log and the <c>aithena.restarts</c> property; the restarted process gets its count in <c>Aithena__RestartCount</c>.
/// The message the dead process held was never acknowledged, so the broker hands it out again (quorum queues count
/// the delivery, and the crash-loop cap still applies).
/// </summary>
public sealed partial class WorkerRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    WorkerRestartLedger ledger,
    IHostApplicationLifetime lifetime,
    IOptions<WorkerRestartOptions> options,
    TimeProvider time,
    ILogger<WorkerRestarter> logger) : BackgroundService
{
    public const string RestartsProperty = "aithena.restarts";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Per replica: the last state before it ended, and whether its current exit was dealt with. The same exit is
        // published several times (logs, health), the first time possibly before its exit code is known.
        var lastLiveState = new Dictionary<string, string?>(StringComparer.Ordinal);
        var handled = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (!options.Value.Workers.Contains(update.Resource.Name))
                {
                    continue;
                }

                var id = update.ResourceId;
                var state = update.Snapshot.State?.Text;
                if (!Exited(state))
                {
                    lastLiveState[id] = state;
                    handled.Remove(id);
                    continue;
                }

                if (handled.Contains(id) || update.Snapshot.ExitCode is not { } exitCode)
                {
                    continue;
                }

                handled.Add(id);
                // Exit code 0, or an exit after a stop someone asked for (the dashboard's Stop), is left alone.
                if (exitCode == 0 || string.Equals(lastLiveState.GetValueOrDefault(id), KnownResourceStates.Stopping, StringComparison.Ordinal))
                {
                    continue;
                }

                // In the background, so one replica's pause does not hold up what the others report.
                _ = RestartAsync(update.Resource, id, exitCode, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    private async Task RestartAsync(IResource resource, string resourceId, int exitCode, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var replicaLog = resourceLogs.GetLogger(resourceId);
        try
        {
            var recent = ledger.CountSince(resource.Name, time.GetUtcNow() - settings.Window);
            if (recent >= settings.MaxRestarts)
            {
                LogGaveUp(logger, resourceId, exitCode, recent, settings.Window);
                LogGaveUp(replicaLog, resourceId, exitCode, recent, settings.Window);
                await PublishRestartsAsync(resource, resourceId, $"{ledger.Count(resource.Name)} (gave up: crash loop)");
                return;
            }

            var delay = settings.DelayAfter(recent);
            await Task.Delay(delay, time, cancellationToken);
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return; // a worker killed by the shutdown itself is not brought back
            }

            var count = ledger.Record(resource.Name, time.GetUtcNow());
            LogRestarting(logger, resourceId, exitCode, delay, count);
            LogRestarting(replicaLog, resourceId, exitCode, delay, count);
            await PublishRestartsAsync(resource, resourceId, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, cancellationToken);
            if (!result.Success)
            {
                LogStartFailed(logger, resourceId, result.Message ?? "no reason given");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
        catch (Exception e)
        {
            // A restart that could not be made is logged, never a crash of the AppHost.
            LogStartFailed(logger, resourceId, e.Message);
        }
    }

    private static bool Exited(string? state) =>
        string.Equals(state, KnownResourceStates.Exited, StringComparison.Ordinal) || string.Equals(state, KnownResourceStates.Finished, StringComparison.Ordinal);

    private Task PublishRestartsAsync(IResource resource, string resourceId, string value) =>
        notifications.PublishUpdateAsync(resource, resourceId, snapshot => snapshot with
        {
            Properties = snapshot.Properties.RemoveAll(p => p.Name == RestartsProperty).Add(new ResourcePropertySnapshot(RestartsProperty, value)),
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {ResourceId} exited with code {ExitCode}: restarting it after {Delay} (restart {Count} of this worker)")]
    private static partial void LogRestarting(ILogger logger, string resourceId, int exitCode, TimeSpan delay, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker {ResourceId} exited with code {ExitCode} after {Recent} restarts within {Window}: not restarted again (a crash loop); start it from the dashboard once the cause is fixed")]
    private static partial void LogGaveUp(ILogger logger, string resourceId, int exitCode, int recent, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker {ResourceId} could not be restarted: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string resourceId, string reason);
}
