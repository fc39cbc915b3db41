using System.Diagnostics;
using Aithena.Catalog;
using Aithena.Catalog.Covers;
using Aithena.Contracts;
using Aithena.Indexer.Covers;
using Aithena.Indexer.Embedding;
using Aithena.Indexer.Indexing;
using Aithena.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Aithena.Indexer.Consumers;

/// <summary>
/// Indexes one document per message. The message is acknowledged only when this returns, which is after the
/// catalog commit. A permanent fault marks the document failed and rethrows, so MassTransit moves the message to
/// <c>index-document_error</c> with the exception recorded in its headers; a transient one is retried by the
/// definition's policy, and marked failed only when the last retry fails too.
/// </summary>
public sealed class IndexDocumentConsumer(
    DocumentIndexer indexer,
    IDocumentCatalog catalog,
    IndexingMetrics metrics,
    TimeProvider clock,
    EmbeddingRequests embeddings,
    CoverRenderer covers,
    CoverStore coverStore,
    IOptions<LibraryOptions> library,
    ILogger<IndexDocumentConsumer> logger) : IConsumer<IndexDocument>
{
    public async Task Consume(ConsumeContext<IndexDocument> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope("DocumentId:{DocumentId}", command.DocumentId);
        if (context.GetRetryAttempt() == 0)
        {
            metrics.Waited(clock.GetUtcNow() - command.QueuedAt);
        }

        IndexerLog.Started(logger, command.Path, context.GetRetryAttempt() + 1, context.GetRedeliveryCount() > 0 || context.ReceiveContext.Redelivered);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await indexer.IndexAsync(command, context.CancellationToken);
            await embeddings.RequestAsync(context, command, outcome);
            await RenderCoverAsync(command, outcome, context.CancellationToken);
            metrics.Processed(outcome == IndexOutcome.NothingToIndex ? "skipped" : "indexed", IndexingMetrics.Since(started));
            IndexerLog.Indexed(logger, command.Path, outcome, IndexingMetrics.Since(started).TotalMilliseconds);
        }
        catch (PermanentIndexingException e)
        {
            await MarkFailedAsync(command, e.Message, started);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException && context.GetRetryAttempt() >= IndexDocumentConsumerDefinition.RetryLimit)
        {
            await MarkFailedAsync(command, $"Gave up after {IndexDocumentConsumerDefinition.RetryLimit + 1} attempts: {e.GetType().Name}: {e.Message}", started);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            IndexerLog.WillRetry(logger, command.Path, context.GetRetryAttempt() + 1, e.GetType().Name, e.Message);
            throw;
        }
    }

    /// <summary>
    /// The cover, right after the catalog commit and before the ack: for a document just indexed, or an unchanged one
    /// that has none yet (indexed before covers existed, or its rendering failed).
    /// </summary>
    private async Task RenderCoverAsync(IndexDocument command, IndexOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome == IndexOutcome.NothingToIndex || (outcome == IndexOutcome.Unchanged && coverStore.Find(command.DocumentId) is not null))
        {
            return;
        }

        if (library.Value.ResolveExisting(command.Path) is { } pdf
            && await covers.RenderAsync(command.DocumentId, pdf, command.Path, cancellationToken)
            && (await catalog.FindAsync(command.DocumentId, CancellationToken.None))?.Status == DocumentStatus.Removed)
        {
            // Removed while the cover was drawn (the removal runs on its own queue, beside this one, and found no cover to
            // delete): the cover goes now. A removal after this check deletes it itself, as it marks removed first.
            coverStore.Delete(command.DocumentId);
        }
    }

    private async Task MarkFailedAsync(IndexDocument command, string reason, long started)
    {
        // Not the consume token: the failure must be recorded even while the service is stopping.
        await catalog.MarkFailedAsync(command.DocumentId, command.Path, reason, CancellationToken.None);
        metrics.Processed("failed", IndexingMetrics.Since(started));
        IndexerLog.Failed(logger, command.Path, reason);
    }
}

public sealed class IndexDocumentConsumerDefinition() : OneAtATimeConsumerDefinition<IndexDocumentConsumer>(QueueNames.IndexDocument)
{
    protected override void IgnorePermanentFaults(IRetryConfigurator retry) => retry.Ignore<PermanentIndexingException>();
}
