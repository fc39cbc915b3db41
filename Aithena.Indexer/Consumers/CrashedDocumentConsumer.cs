using System.Text;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Indexer.Indexing;
using Aithena.ServiceDefaults.Messaging;
using MassTransit;

namespace Aithena.Indexer.Consumers;

/// <summary>
/// Takes the <c>index-document</c> messages RabbitMQ set aside after its delivery limit (the policy of
/// scripts/broker.sh dead-letters them to <c>index-document_crashed</c>): each was delivered again and again and never
/// acknowledged, because processing it crashed or killed the Indexer every time. Nothing here reads the file again;
/// the document is marked failed naming the crashes, and the message moves on to <c>index-document_crashed_error</c>,
/// from where an operator can send it back once the cause is fixed.
/// </summary>
public sealed class CrashedDocumentConsumer(IDocumentCatalog catalog, ILogger<CrashedDocumentConsumer> logger) : IConsumer<IndexDocument>
{
    public async Task Consume(ConsumeContext<IndexDocument> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope("DocumentId:{DocumentId}", command.DocumentId);
        var reason = Reason(context.Headers);
        // Not the consume token: the verdict must be recorded even while the service is stopping.
        await catalog.MarkFailedAsync(command.DocumentId, command.Path, reason, CancellationToken.None);
        IndexerLog.Crashed(logger, command.Path, reason);
        throw new PermanentIndexingException(reason);
    }

    /// <summary>
    /// RabbitMQ says why it dead-lettered the message (<c>x-first-death-reason</c>). It does not say how many times it was
    /// delivered: the delivery count starts again in this queue, and the limit lives in the broker's policy.
    /// </summary>
    private static string Reason(Headers headers)
    {
        var why = Text(headers, "x-first-death-reason");
        if (why is not null && why != "delivery_limit")
        {
            return $"RabbitMQ dead-lettered the message ({why}) before the document could be indexed.";
        }

        return "The Indexer crashed or was killed while indexing this document (out of memory, say) every time it was delivered, " +
               "until the queue's delivery limit (scripts/broker.sh policy) set it aside, so that it cannot take Indexers down forever.";
    }

    private static string? Text(Headers headers, string key) => headers.TryGetHeader(key, out var value) ? value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ => value?.ToString(),
    } : null;
}

public sealed class CrashedDocumentConsumerDefinition() : OneAtATimeConsumerDefinition<CrashedDocumentConsumer>(QueueNames.IndexDocumentCrashed, consumeTopology: false)
{
    protected override void IgnorePermanentFaults(IRetryConfigurator retry) => retry.Ignore<PermanentIndexingException>();
}
