namespace Aithena.Api.Documents;

public static partial class RemoveLog
{
    [LoggerMessage(EventId = 2201, EventName = "DocumentRemoved", Level = LogLevel.Information, Message = "Document {DocumentId} ({Path}) removed from the library by {UserName}")]
    public static partial void Removed(ILogger logger, string documentId, string path, string userName);
}
