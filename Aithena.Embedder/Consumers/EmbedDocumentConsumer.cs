using System.Diagnostics;
using Aithena.Contracts;
using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Aithena.ServiceDefaults.Messaging;
using MassTransit;

namespace Aithena.Embedder.Consumers;

/// <summary>
/// Embeds one document per message, after its text was indexed: passages and vectors are replaced in one transaction,
/// and the message is acknowledged after the commit. A model that cannot load is a permanent fault (the message goes
/// to <c>embed-document_error</c> with the reason, to be sent back once the model is fixed). Running out of memory is
/// transient: it is tried again here, after a collection and a growing pause, while the memory other work held is
/// given back. Anything else is retried by the definition's policy. Whenever it gives up, the document's embeddings
/// are marked failed with the reason first, so no document says "pending" forever.
/// </summary>
public sealed class EmbedDocumentConsumer(DocumentEmbedder embedder, ILogger<EmbedDocumentConsumer> logger) : IConsumer<EmbedDocument>
{
    /// <summary>Tries of one delivery that may run out of memory before the document's embeddings are marked failed.</summary>
    public const int OutOfMemoryAttempts = 6;

    /// <summary>The pause before the first try again after running out of memory; it doubles each time, to 30 s.</summary>
    public static readonly TimeSpan FirstOutOfMemoryPause = TimeSpan.FromMilliseconds(500);

    public async Task Consume(ConsumeContext<EmbedDocument> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope("DocumentId:{DocumentId}", command.DocumentId);
        EmbedderLog.Started(logger, command.Path, context.GetRetryAttempt() + 1, context.GetRedeliveryCount() > 0 || context.ReceiveContext.Redelivered);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await EmbedWhenMemoryAllowsAsync(command, context.CancellationToken);
            EmbedderLog.Embedded(logger, command.Path, result.Outcome, result.Passages, result.Encoded, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (EmbeddingModelUnavailableException e)
        {
            await MarkFailedAsync(command, e.Message);
            throw;
        }
        catch (OutOfMemoryException e)
        {
            var reason = $"Ran out of memory {OutOfMemoryAttempts} times, with pauses for memory to be freed between them: {e.Message}";
            await MarkFailedAsync(command, reason);
            throw new PermanentEmbeddingException(reason);
        }
        catch (Exception e) when (e is not OperationCanceledException && context.GetRetryAttempt() >= EmbedDocumentConsumerDefinition.RetryLimit)
        {
            await MarkFailedAsync(command, $"Gave up after {EmbedDocumentConsumerDefinition.RetryLimit + 1} attempts: {e.GetType().Name}: {e.Message}");
            throw;
        }
    }

    private async Task<EmbedResult> EmbedWhenMemoryAllowsAsync(EmbedDocument command, CancellationToken cancellationToken)
    {
        var pause = FirstOutOfMemoryPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await embedder.EmbedDocumentAsync(command.DocumentId, cancellationToken);
            }
            catch (OutOfMemoryException) when (attempt < OutOfMemoryAttempts)
            {
                EmbedderLog.OutOfMemory(logger, command.Path, attempt, pause.TotalMilliseconds);
                // What the failed try held is garbage now: give it back (and compact, so a large batch finds room).
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
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
    protected override void IgnorePermanentFaults(IRetryConfigurator retry)
    {
        retry.Ignore<EmbeddingModelUnavailableException>();
        retry.Ignore<PermanentEmbeddingException>();
    }
}
