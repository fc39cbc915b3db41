using Aithena.Catalog;
using Aithena.Catalog.Covers;
using Aithena.Contracts;
using Aithena.Indexer.Covers;
using Aithena.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Aithena.Indexer.Consumers;

/// <summary>Takes a document that left the library out of the index and marks it removed.</summary>
public sealed class RemoveDocumentConsumer(
    IDocumentCatalog catalog,
    IOptions<LibraryOptions> library,
    CoverStore covers,
    ILogger<RemoveDocumentConsumer> logger) : IConsumer<RemoveDocument>
{
    public async Task Consume(ConsumeContext<RemoveDocument> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope("DocumentId:{DocumentId}", command.DocumentId);
        // Commands for one file can cross (deleted, then put back): the file on disk has the last word.
        if (library.Value.Resolve(command.Path) is { } fullPath && File.Exists(fullPath))
        {
            IndexerLog.RemoveSkipped(logger, command.Path);
            return;
        }

        var known = await catalog.MarkRemovedAsync(command.DocumentId, context.CancellationToken);
        IndexerLog.Removed(logger, command.Path, known);
        // The cover goes with the document (after the catalog says removed, so a retry of this message still gets here).
        if (covers.Delete(command.DocumentId))
        {
            CoverLog.Removed(logger, command.DocumentId);
        }
    }
}

public sealed class RemoveDocumentConsumerDefinition() : OneAtATimeConsumerDefinition<RemoveDocumentConsumer>(QueueNames.RemoveDocument);
