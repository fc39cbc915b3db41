using System.Diagnostics;
using Aithena.Api.Messaging;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.ServiceDefaults.Secrets;
using Polly.CircuitBreaker;

namespace Aithena.Api.Upload;

/// <summary>
/// The upload use case, start to end: receive the file → answer a duplicate with the existing document → store it
/// (file and queued record) → send the indexing command and wait for the broker's confirmation → on failure roll the
/// store back. Metrics and logs are written here; the HTTP answer is the endpoint's business.
/// </summary>
public sealed class UploadDocument(
    UploadReceiver receiver,
    UploadStore store,
    CommandPublisher publisher,
    PublishCircuit circuit,
    UploadMetrics metrics,
    SecretRedactor redactor,
    TimeProvider clock,
    ILogger<UploadDocument> logger)
{
    public async Task<UploadResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var received = await receiver.ReceiveAsync(request, cancellationToken);
        if (received is UploadRejection rejection)
        {
            metrics.Rejected(rejection.Reason);
            UploadLog.Rejected(logger, rejection.StatusCode, rejection.Reason);
            return new UploadResult.Rejected(rejection);
        }

        var file = (ReceivedFile)received;
        try
        {
            // The look for the same bytes is part of the store's claim: two identical uploads at once store one copy.
            var (stored, existing) = await store.StoreAsync(file, UploaderOf(request), cancellationToken);
            if (stored is null)
            {
                metrics.Duplicate();
                UploadLog.Duplicate(logger, existing!.Id);
                return new UploadResult.Duplicate(existing, file.OriginalFileName);
            }

            using var scope = logger.BeginScope("DocumentId:{DocumentId}", stored.Id);
            var command = new IndexDocument(stored.Id, stored.RelativePath, DocumentSource.Upload, stored.Size, clock.GetUtcNow());
            var started = Stopwatch.GetTimestamp();
            try
            {
                await publisher.SendAsync(QueueNames.IndexDocumentAddress, command);
                metrics.Published(Stopwatch.GetElapsedTime(started), "confirmed");
            }
            catch (Exception e)
            {
                metrics.Published(Stopwatch.GetElapsedTime(started), e is BrokenCircuitException ? "circuit-open" : "failed");
                await store.DiscardAsync(stored);
                return QueueUnavailable(e);
            }

            metrics.Accepted(stored.Size);
            UploadLog.Accepted(logger, stored.RelativePath, stored.Size);
            return new UploadResult.Accepted(stored, file.OriginalFileName);
        }
        finally
        {
            file.DeleteTemp(); // a no-op once the file was moved into the library
        }
    }

    /// <summary>The signed-in user's name; "anonymous" where <c>Access:Anonymous=Full</c> lets anyone upload.</summary>
    private static string UploaderOf(HttpRequest request) => request.HttpContext.User.Identity?.Name ?? "anonymous";

    private UploadResult.QueueUnavailable QueueUnavailable(Exception e)
    {
        metrics.Rejected("queue-unavailable");
        if (e is BrokenCircuitException broken)
        {
            UploadLog.CircuitOpen(logger);
            return new UploadResult.QueueUnavailable(broken.RetryAfter ?? circuit.BreakDuration);
        }

        UploadLog.PublishFailed(logger, e.GetType().Name, redactor.Redact(e.Message) ?? "");
        return new UploadResult.QueueUnavailable(null);
    }
}
