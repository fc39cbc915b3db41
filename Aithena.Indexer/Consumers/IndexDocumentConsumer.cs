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
        var cover = StartCover(command, context.CancellationToken);
        try
        {
            var outcome = await indexer.IndexAsync(command, context.CancellationToken);
            await embeddings.RequestAsync(context, command, outcome);
            await FinishCoverAsync(command, outcome, cover, context.CancellationToken);
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
        finally
        {
            await QuietlyAsync(cover, command.Path); // its process never outlives the message
        }
    }

    /// <summary>
    /// A cover for a document that has none (new, or indexed before covers existed, or whose rendering failed), started
    /// before the text is read: the cover is drawn by a process of its own and needs only the file, so it draws on a core the text
    /// extraction leaves free instead of after it (drawn after the commit, covers were about 15 % of an Indexer's time
    /// on the real corpus). Null when the document has a cover or its file is gone.
    /// </summary>
    private Task<bool>? StartCover(IndexDocument command, CancellationToken cancellationToken) =>
        coverStore.Find(command.DocumentId) is null && library.Value.ResolveExisting(command.Path) is { } pdf
            ? covers.RenderAsync(command.DocumentId, pdf, command.Path, cancellationToken)
            : null;

    /// <summary>
    /// After the catalog commit and before the ack: the cover started early is waited for; a document whose file changed
    /// has its old cover drawn again; one with nothing to index keeps none.
    /// </summary>
    private async Task FinishCoverAsync(IndexDocument command, IndexOutcome outcome, Task<bool>? early, CancellationToken cancellationToken)
    {
        var drawn = early is not null
            ? await early
            : outcome == IndexOutcome.Indexed && library.Value.ResolveExisting(command.Path) is { } pdf
              && await covers.RenderAsync(command.DocumentId, pdf, command.Path, cancellationToken);
        if (drawn && (outcome == IndexOutcome.NothingToIndex
                      || (await catalog.FindAsync(command.DocumentId, CancellationToken.None))?.Status == DocumentStatus.Removed))
        {
            // Removed while the cover was drawn (the removal runs on its own queue, beside this one, and found no cover to
            // delete): the cover goes now. A removal after this check deletes it itself, as it marks removed first.
            coverStore.Delete(command.DocumentId);
        }
    }

    /// <summary>Waits for a cover still being drawn when the indexing failed: the failure is what counts, the cover is logged.</summary>
    private async Task QuietlyAsync(Task<bool>? cover, string path)
    {
        if (cover is null || cover.IsCompletedSuccessfully)
        {
            return;
        }

        try
        {
            await cover;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or UnauthorizedAccessException)
        {
            CoverLog.NotRendered(logger, path, $"{e.GetType().Name}: {e.Message}");
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
