using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.ServiceDefaults.Messaging;
using MassTransit;

namespace Aithena.Ocr.Consumers;

/// <summary>
/// Takes the <c>ocr-document</c> messages RabbitMQ set aside after their delivery limit (the crash-loop policy
/// dead-letters them to <c>ocr-document_crashed</c>): recognising the document killed the worker every time. Its pages
/// still pending are marked failed naming the crashes, and the message moves on to <c>ocr-document_crashed_error</c>,
/// from where an operator can send it back once the cause is fixed.
/// </summary>
public sealed class CrashedRecognitionConsumer(IOcrCatalog catalog, ILogger<CrashedRecognitionConsumer> logger) : IConsumer<RecognizeDocument>
{
    private const string Reason = "The OCR worker crashed or was killed on this page every time the document was delivered, " +
                                  "until the queue's delivery limit (the crash-loop policy) set it aside.";

    public async Task Consume(ConsumeContext<RecognizeDocument> context)
    {
        var command = context.Message;
        using var scope = logger.BeginScope("DocumentId:{DocumentId}", command.DocumentId);
        // Not the consume token: the verdict must be recorded even while the service is stopping.
        await catalog.FailPendingAsync(command.DocumentId, command.RequestId, Reason, CancellationToken.None);
        OcrLog.Failed(logger, command.Path, Reason);
        throw new PermanentOcrException(Reason);
    }
}

public sealed class CrashedRecognitionConsumerDefinition() : OneAtATimeConsumerDefinition<CrashedRecognitionConsumer>(QueueNames.OcrDocumentCrashed, consumeTopology: false);
