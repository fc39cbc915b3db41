using Aithena.Contracts;
using Aithena.Semantic.Passages;
using Aithena.ServiceDefaults.Messaging;
using MassTransit;

namespace Aithena.Embedder.Consumers;

/// <summary>
/// Takes the <c>embed-document</c> messages RabbitMQ set aside after their delivery limit (scripts/broker.sh's policy
/// dead-letters them to <c>embed-document_crashed</c>): embedding the document crashed or killed the Embedder every
/// time. The document's embeddings are marked failed (keyword search still finds it) and the message moves on to
/// <c>embed-document_crashed_error</c>, from where an operator can send it back once the cause is fixed.
/// </summary>
public sealed class CrashedEmbeddingConsumer(DocumentEmbedder embedder, ILogger<CrashedEmbeddingConsumer> logger) : IConsumer<EmbedDocument>
{
    private const string Reason = "The Embedder crashed or was killed while embedding this document every time it was delivered, " +
                                  "until the queue's delivery limit (scripts/broker.sh policy) set it aside.";

    public async Task Consume(ConsumeContext<EmbedDocument> context)
    {
        using var scope = logger.BeginScope("DocumentId:{DocumentId}", context.Message.DocumentId);
        // Not the consume token: the verdict must be recorded even while the service is stopping.
        await embedder.MarkFailedAsync(context.Message.DocumentId, Reason, CancellationToken.None);
        EmbedderLog.Failed(logger, context.Message.Path, Reason);
        throw new PermanentEmbeddingException(Reason);
    }
}

public sealed class CrashedEmbeddingConsumerDefinition() : OneAtATimeConsumerDefinition<CrashedEmbeddingConsumer>(QueueNames.EmbedDocumentCrashed, consumeTopology: false)
{
    protected override void IgnorePermanentFaults(IRetryConfigurator retry) => retry.Ignore<PermanentEmbeddingException>();
}
