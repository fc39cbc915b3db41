using System.Diagnostics;
using System.Security.Cryptography;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Ocr.Recognition;
using Aithena.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Aithena.Ocr.Consumers;

/// <summary>
/// Recognises the pending pages of one document per message. Each page's text is committed on its own (one transaction
/// per page), so a worker killed mid-document loses at most the page in progress: the redelivered command finds the
/// pages already done no longer pending and does only the rest. A page OCR cannot read is marked failed with the reason
/// and the worker goes on. The message is acknowledged after the last page's commit and the request for new embeddings.
/// Every command gets a temporary folder of its own, deleted however it ends.
/// </summary>
public sealed class RecognizeDocumentConsumer(
    IOcrCatalog catalog,
    PageRecognizer recognizer,
    IOptions<LibraryOptions> library,
    IOptions<OcrOptions> options,
    IOptions<EmbeddingRequestOptions> embeddings,
    TimeProvider clock,
    ILogger<RecognizeDocumentConsumer> logger) : IConsumer<RecognizeDocument>
{
    public async Task Consume(ConsumeContext<RecognizeDocument> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope("DocumentId:{DocumentId}", command.DocumentId);
        try
        {
            await RecognizeAsync(context, command);
        }
        catch (Exception e) when (e is not OperationCanceledException && context.GetRetryAttempt() >= OneAtATimeConsumerDefinition<RecognizeDocumentConsumer>.RetryLimit)
        {
            var reason = $"Gave up after {OneAtATimeConsumerDefinition<RecognizeDocumentConsumer>.RetryLimit + 1} attempts: {e.GetType().Name}: {e.Message}";
            // Not the consume token: the failure must be recorded even while the service is stopping.
            await catalog.FailPendingAsync(command.DocumentId, command.RequestId, reason, CancellationToken.None);
            OcrLog.Failed(logger, command.Path, reason);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            OcrLog.WillRetry(logger, command.Path, context.GetRetryAttempt() + 1, e.GetType().Name, e.Message);
            throw;
        }
    }

    private async Task RecognizeAsync(ConsumeContext<RecognizeDocument> context, RecognizeDocument command)
    {
        var cancellationToken = context.CancellationToken;
        var pending = await catalog.PendingPagesAsync(command.DocumentId, command.RequestId, cancellationToken);
        if (pending.Count == 0)
        {
            OcrLog.Skipped(logger, command.Path, "no page is pending under this request (done already, or the document was indexed again)");
            return;
        }

        if (library.Value.ResolveExisting(command.Path) is not { } path)
        {
            OcrLog.Skipped(logger, command.Path, "the file is no longer in the library");
            return;
        }

        // The file must be the one whose pages were found textless: a changed file is indexed again, which asks again.
        await using (var file = File.OpenRead(path))
        {
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken)) != command.ContentHash)
            {
                OcrLog.Skipped(logger, command.Path, "the file changed since it was indexed");
                return;
            }
        }

        OcrLog.Started(logger, command.Path, pending.Count, context.GetRetryAttempt() + 1, context.GetRedeliveryCount() > 0 || context.ReceiveContext.Redelivered);
        var workFolder = options.Value.TempFolder is { } root
            ? Directory.CreateDirectory(Path.Combine(root, $"aithena-ocr-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory("aithena-ocr-").FullName;

        var recognised = 0;
        try
        {
            foreach (var page in pending)
            {
                if (await RecognizePageAsync(command, path, page, workFolder, cancellationToken))
                {
                    recognised++;
                }
            }
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }

        if (recognised > 0 && embeddings.Value.Enabled)
        {
            // The text changed: its passages and vectors must be computed again (the Indexer's embed-document stage).
            var endpoint = await context.GetSendEndpoint(QueueNames.EmbedDocumentAddress);
            await endpoint.Send(new EmbedDocument(command.DocumentId, command.Path, clock.GetUtcNow()), cancellationToken);
        }
    }

    private async Task<bool> RecognizePageAsync(RecognizeDocument command, string path, int page, string workFolder, CancellationToken cancellationToken)
    {
        OcrLog.PageStarted(logger, command.Path, page);
        var started = Stopwatch.GetTimestamp();
        string text;
        try
        {
            text = await recognizer.RecognizeAsync(path, page, workFolder, cancellationToken);
        }
        catch (PageRecognitionException e)
        {
            await catalog.FailPageAsync(command.DocumentId, command.RequestId, page, e.Message, CancellationToken.None);
            OcrLog.PageFailed(logger, command.Path, page, e.Message);
            return false;
        }

        var saved = await catalog.SavePageAsync(command.DocumentId, command.RequestId, page, text, cancellationToken);
        OcrLog.PageDone(logger, command.Path, page, text.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return saved;
    }
}

/// <summary>
/// One command at a time per worker (OCR takes seconds a page: a command waiting in a busy worker's buffer while another
/// is idle is lost time); a page OCR cannot read is a failed page, not an exception, and <see cref="PermanentOcrException"/>
/// skips the retries.
/// </summary>
public sealed class RecognizeDocumentConsumerDefinition() : OneAtATimeConsumerDefinition<RecognizeDocumentConsumer>(QueueNames.OcrDocument)
{
    protected override void IgnorePermanentFaults(IRetryConfigurator retry) => retry.Ignore<PermanentOcrException>();
}
