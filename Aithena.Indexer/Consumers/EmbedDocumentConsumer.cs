using System.Diagnostics;
using Aithena.Contracts;
using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using MassTransit;

namespace Aithena.Indexer.Consumers;

/// <summary>
/// Embeds one document per message, after its text was indexed: passages and vectors are replaced in one transaction,
/// and the message is acknowledged after the commit. A model that cannot load is a permanent fault (the message goes
/// to <c>embed-document_error</c> with the reason, to be sent back once the model is fixed); anything else is retried
/// by the definition's policy, and the document's embeddings are marked failed when the last retry fails too.
/// </summary>
public sealed class EmbedDocumentConsumer(DocumentEmbedder embedder, ILogger<EmbedDocumentConsumer> logger) : IConsumer<EmbedDocument>
{
    public async Task Consume(ConsumeContext<EmbedDocument> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope("DocumentId:{DocumentId}", command.DocumentId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (outcome, passages) = await embedder.EmbedAsync(command.DocumentId, context.CancellationToken);
            EmbedderLog.Embedded(logger, command.Path, outcome, passages, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (EmbeddingModelUnavailableException e)
        {
            await MarkFailedAsync(command, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException && context.GetRetryAttempt() >= EmbedDocumentConsumerDefinition.RetryLimit)
        {
            await MarkFailedAsync(command, $"Gave up after {EmbedDocumentConsumerDefinition.RetryLimit + 1} attempts: {e.GetType().Name}: {e.Message}");
            throw;
        }
    }

    private async Task MarkFailedAsync(EmbedDocument command, string reason)
    {
        // Not the consume token: the failure must be recorded even while the service is stopping.
        await embedder.MarkFailedAsync(command.DocumentId, reason, CancellationToken.None);
        EmbedderLog.Failed(logger, command.Path, reason);
    }
}

public sealed class EmbedDocumentConsumerDefinition() : OneAtATimeConsumerDefinition<EmbedDocumentConsumer>(QueueNames.EmbedDocument)
{
    protected override void IgnorePermanentFaults(IRetryConfigurator retry) => retry.Ignore<EmbeddingModelUnavailableException>();
}
