using Aithena.Indexer.Indexing;

namespace Aithena.Indexer;

internal static partial class IndexerLog
{
    [LoggerMessage(1, LogLevel.Information, "Indexed {Path}: {Outcome} in {ElapsedMs:F0} ms")]
    public static partial void Indexed(ILogger logger, string path, IndexOutcome outcome, double elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "Indexing {Path} failed for good: {Reason}")]
    public static partial void Failed(ILogger logger, string path, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Indexing {Path} failed (attempt {Attempt}), will retry: {ExceptionType}: {Message}")]
    public static partial void WillRetry(ILogger logger, string path, int attempt, string exceptionType, string message);

    [LoggerMessage(4, LogLevel.Information, "Removed {Path} from the index (known to the catalog: {Known})")]
    public static partial void Removed(ILogger logger, string path, bool known);

    [LoggerMessage(5, LogLevel.Information, "Not removing {Path}: the file is back in the library")]
    public static partial void RemoveSkipped(ILogger logger, string path);

    [LoggerMessage(6, LogLevel.Information, "Indexing {Path} (attempt {Attempt}, redelivered: {Redelivered})")]
    public static partial void Started(ILogger logger, string path, int attempt, bool redelivered);

    [LoggerMessage(7, LogLevel.Error, "Marked {Path} failed: RabbitMQ set it aside after the delivery limit. {Reason}")]
    public static partial void Crashed(ILogger logger, string path, string reason);

    [LoggerMessage(8, LogLevel.Warning, "{Path}: {Textless} of {Pages} pages have no text layer (scanned?); indexed without them, and OCR is off (Ocr:Enabled)")]
    public static partial void Textless(ILogger logger, string path, int textless, int pages);

    [LoggerMessage(9, LogLevel.Warning, "{Path}: page {Page} could not be read and is indexed without text: {Reason}")]
    public static partial void UnreadablePage(ILogger logger, string path, int page, string reason);

    [LoggerMessage(40, LogLevel.Information, "{Path}: {Pages} of {PageCount} pages have no text layer (scanned?); asked the OCR worker to recognise them")]
    public static partial void OcrRequested(ILogger logger, string path, int pages, int pageCount);
}
