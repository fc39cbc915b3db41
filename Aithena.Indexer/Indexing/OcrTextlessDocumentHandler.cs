using Aithena.Catalog;
using Aithena.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Asks for OCR of a document's pages without text: records them as pending in the catalog under a new request id
/// (which makes any earlier command for the document stale), then sends <see cref="RecognizeDocument"/> to the
/// <c>ocr-document</c> queue, before the indexing message is acknowledged (if the send fails, indexing is retried, and
/// indexing is idempotent). With <see cref="OcrRequestOptions.Enabled"/> off it only logs, as before OCR existed.
/// </summary>
public sealed class OcrTextlessDocumentHandler(
    IOcrCatalog catalog,
    IBus bus,
    IOptions<OcrRequestOptions> options,
    TimeProvider clock,
    ILogger<OcrTextlessDocumentHandler> logger) : ITextlessDocumentHandler
{
    public async Task HandleAsync(IndexDocument command, string contentHash, IReadOnlyList<int> pages, int pageCount, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            IndexerLog.Textless(logger, command.Path, pages.Count, pageCount);
            return;
        }

        var request = Guid.NewGuid();
        if (!await catalog.MarkPendingAsync(command.DocumentId, contentHash, request, pages, cancellationToken))
        {
            return;
        }

        var endpoint = await bus.GetSendEndpoint(QueueNames.OcrDocumentAddress);
        await endpoint.Send(new RecognizeDocument(command.DocumentId, command.Path, contentHash, request, pages, clock.GetUtcNow()), cancellationToken);
        IndexerLog.OcrRequested(logger, command.Path, pages.Count, pageCount);
    }
}
