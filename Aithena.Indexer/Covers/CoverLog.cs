namespace Aithena.Indexer.Covers;

internal static partial class CoverLog
{
    [LoggerMessage(201, LogLevel.Debug, "{Path}: cover rendered in {ElapsedMs:0} ms")]
    public static partial void Rendered(ILogger logger, string path, double elapsedMs);

    [LoggerMessage(202, LogLevel.Warning, "{Path}: no cover ({Reason}); the document is indexed all the same")]
    public static partial void NotRendered(ILogger logger, string path, string reason);

    [LoggerMessage(203, LogLevel.Information, "Removed the cover of document {DocumentId}")]
    public static partial void Removed(ILogger logger, string documentId);
}
