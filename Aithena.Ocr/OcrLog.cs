namespace Aithena.Ocr;

internal static partial class OcrLog
{
    [LoggerMessage(1, LogLevel.Information, "Recognising {Path}: {Pages} pages pending (attempt {Attempt}, redelivered: {Redelivered})")]
    public static partial void Started(ILogger logger, string path, int pages, int attempt, bool redelivered);

    [LoggerMessage(2, LogLevel.Information, "Recognising page {Page} of {Path}")]
    public static partial void PageStarted(ILogger logger, string path, int page);

    [LoggerMessage(3, LogLevel.Information, "Recognised page {Page} of {Path}: {Characters} characters in {ElapsedMs:F0} ms")]
    public static partial void PageDone(ILogger logger, string path, int page, int characters, double elapsedMs);

    [LoggerMessage(4, LogLevel.Warning, "Page {Page} of {Path} failed OCR: {Reason}")]
    public static partial void PageFailed(ILogger logger, string path, int page, string reason);

    [LoggerMessage(5, LogLevel.Information, "Nothing to recognise in {Path}: {Why}")]
    public static partial void Skipped(ILogger logger, string path, string why);

    [LoggerMessage(6, LogLevel.Warning, "Recognising {Path} failed (attempt {Attempt}), will retry: {ExceptionType}: {Message}")]
    public static partial void WillRetry(ILogger logger, string path, int attempt, string exceptionType, string message);

    [LoggerMessage(7, LogLevel.Error, "OCR of {Path} failed for good: {Reason}")]
    public static partial void Failed(ILogger logger, string path, string reason);
}
