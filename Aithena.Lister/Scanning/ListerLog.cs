namespace Aithena.Lister.Scanning;

internal static partial class ListerLog
{
    [LoggerMessage(1, LogLevel.Information, "Scan: {Seen} files seen, {Queued} queued, {Removed} removals queued, {Pending} left for the next scan, in {ElapsedMs:F0} ms")]
    public static partial void Scanned(ILogger logger, int seen, int queued, int removed, int pending, double elapsedMs);

    [LoggerMessage(2, LogLevel.Debug, "Scan progress: {Seen} files seen, {Queued} of {ToQueue} queued")]
    public static partial void Progress(ILogger logger, int seen, int queued, int toQueue);

    [LoggerMessage(3, LogLevel.Warning, "The broker is unavailable ({Reason}); {Pending} commands were not sent and will be by the next scan")]
    public static partial void BrokerUnavailable(ILogger logger, int pending, string reason);

    [LoggerMessage(4, LogLevel.Error, "Scan failed")]
    public static partial void ScanFailed(ILogger logger, Exception exception);
}
