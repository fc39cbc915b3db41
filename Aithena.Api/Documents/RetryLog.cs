namespace Aithena.Api.Documents;

internal static partial class RetryLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Failed document {DocumentId} sent back for indexing")]
    public static partial void Sent(ILogger logger, string documentId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Failed document {DocumentId} could not be sent back for indexing ({ExceptionType}); it stays failed")]
    public static partial void NotSent(ILogger logger, string documentId, string exceptionType);
}
