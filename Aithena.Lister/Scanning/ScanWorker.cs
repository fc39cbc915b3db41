using Microsoft.Extensions.Options;

namespace Aithena.Lister.Scanning;

/// <summary>Runs a scan at start-up and then every <see cref="ListerOptions.Interval"/> after the previous one ended.</summary>
public sealed class ScanWorker(LibrarySync sync, ScanStatus status, IOptions<ListerOptions> options, ILogger<ScanWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                status.Record(await sync.RunAsync(stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A scan that fails (an unreadable folder, a locked catalog) must not end the service; the next one tries again.
                ListerLog.ScanFailed(logger, e);
                status.Failed(e);
            }

            try
            {
                await Task.Delay(options.Value.Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
