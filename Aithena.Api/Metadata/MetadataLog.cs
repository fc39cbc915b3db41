namespace Aithena.Api.Metadata;

public static partial class MetadataLog
{
    // The document only: the values and who corrected them are in the catalog, not in the logs.
    [LoggerMessage(EventId = 2401, EventName = "MetadataCorrected", Level = LogLevel.Information, Message = "Metadata of document {DocumentId} corrected (all corrections cleared: {Cleared})")]
    public static partial void Corrected(ILogger logger, string documentId, bool cleared);
}
