namespace Aithena.Api.Upload;

internal static partial class UploadLog
{
    [LoggerMessage(1, LogLevel.Information, "Upload accepted: {Path} ({Size} bytes) queued for indexing")]
    public static partial void Accepted(ILogger logger, string path, long size);

    [LoggerMessage(2, LogLevel.Information, "Upload is a copy of document {DocumentId}; nothing queued")]
    public static partial void Duplicate(ILogger logger, string documentId);

    [LoggerMessage(3, LogLevel.Information, "Upload rejected with {StatusCode}: {Reason}")]
    public static partial void Rejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(4, LogLevel.Warning, "The broker did not confirm the upload's command ({ExceptionType}: {Reason}); file and record removed, answering 502")]
    public static partial void PublishFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Publish circuit is open; upload refused at once with 502")]
    public static partial void CircuitOpen(ILogger logger);
}
