using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Aithena.Indexer.Consumers;

/// <summary>Takes a document that left the library out of the index and marks it removed.</summary>
public sealed class RemoveDocumentConsumer(
    IDocumentCatalog catalog,
    IOptions<LibraryOptions> library,
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
    }
}

public sealed class RemoveDocumentConsumerDefinition() : OneAtATimeConsumerDefinition<RemoveDocumentConsumer>(QueueNames.RemoveDocument);
