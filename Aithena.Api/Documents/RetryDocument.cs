using Aithena.Api.Messaging;
using Aithena.Catalog;
using Aithena.Contracts;
using Polly.CircuitBreaker;

namespace Aithena.Api.Documents;

/// <summary>
/// Sends a failed document back to the Indexer (after its cause was fixed: a good copy of the file, a limit raised).
/// Safe to ask twice: the document is marked queued before its command is sent, so a second request finds it queued
/// and sends nothing; two requests racing could send the command twice, which indexing, being idempotent, absorbs.
/// </summary>
public sealed class RetryDocument(IDocumentCatalog catalog, CommandPublisher publisher, PublishCircuit circuit, TimeProvider clock, ILogger<RetryDocument> logger)
{
    public async Task<RetryResult> HandleAsync(string id, CancellationToken cancellationToken)
    {
        var document = DocumentIds.IsValid(id) ? await catalog.FindAsync(id, cancellationToken) : null;
        if (document is null)
        {
            return new RetryResult.NotFound();
        }

        if (document.Status == DocumentStatus.Queued)
        {
            return new RetryResult.Queued(document, Sent: false);
        }

        if (document.Status != DocumentStatus.Failed)
        {
            return new RetryResult.NotFailed(document.Status);
        }

        var source = document.Source == DocumentSource.Lister.ToName() ? DocumentSource.Lister : DocumentSource.Upload;
        var now = clock.GetUtcNow();
        await catalog.MarkQueuedAsync(new QueuedFile(document.Id, document.Path, document.Size, document.ModifiedAt, document.ContentHash, source, now), cancellationToken);
        try
        {
            await publisher.SendAsync(QueueNames.IndexDocumentAddress, new IndexDocument(document.Id, document.Path, source, document.Size, now));
        }
        catch (Exception e)
        {
            // Not the request's token: the document must not stay "queued" with no command behind it.
            await catalog.MarkFailedAsync(document.Id, document.Path, document.FailureReason ?? "Indexing failed.", CancellationToken.None);
            RetryLog.NotSent(logger, document.Id, e.GetType().Name);
            return new RetryResult.QueueUnavailable(e is BrokenCircuitException broken ? broken.RetryAfter ?? circuit.BreakDuration : null);
        }

        RetryLog.Sent(logger, document.Id);
        return new RetryResult.Queued(await catalog.FindAsync(document.Id, cancellationToken) ?? document, Sent: true);
    }
}
