namespace Aithena.Contracts;

/// <summary>The durable queues commands are sent to. Senders and the Indexer must agree on these names.</summary>
public static class QueueNames
{
    public const string IndexDocument = "index-document";
    public const string RemoveDocument = "remove-document";

    /// <summary>Embeddings are computed apart from indexing, on a queue of their own: a slow model never holds up keyword search.</summary>
    public const string EmbedDocument = "embed-document";

    /// <summary>
    /// Text recognition (OCR) of pages without a text layer, on a queue of its own consumed by the OCR worker: a slow OCR
    /// backlog never holds up documents that have text.
    /// </summary>
    public const string OcrDocument = "ocr-document";

    /// <summary>Where RabbitMQ dead-letters an <c>ocr-document</c> message past its delivery limit (a page that kills the OCR worker every time).</summary>
    public const string OcrDocumentCrashed = "ocr-document_crashed";

    /// <summary>Where RabbitMQ dead-letters an <c>embed-document</c> message past its delivery limit (as for indexing).</summary>
    public const string EmbedDocumentCrashed = "embed-document_crashed";

    /// <summary>
    /// Where RabbitMQ dead-letters an <c>index-document</c> message delivered more often than the queue's delivery
    /// limit without being acknowledged, that is, one whose processing crashed or killed the Indexer each time
    /// (the policy set by scripts/broker.sh). The Indexer marks those documents failed.
    /// </summary>
    public const string IndexDocumentCrashed = "index-document_crashed";

    /// <summary>
    /// Where senders send: an exchange of their own (<c>commands.index-document</c>) that they declare, together with
    /// the durable queue and the binding between them, so a command sent before any Indexer ran is kept. The exchange
    /// is not named like the queue on purpose: binding needs read access to the exchange, and read access to a name
    /// also allows consuming a queue of that name. With distinct names a sender's broker user can be given read on
    /// its exchange only, and so cannot consume the queue it feeds (scripts/broker.sh, "Broker users" in the README).
    /// </summary>
    public static Uri IndexDocumentAddress { get; } = SendAddress(IndexDocument);

    public static Uri RemoveDocumentAddress { get; } = SendAddress(RemoveDocument);

    public static Uri EmbedDocumentAddress { get; } = SendAddress(EmbedDocument);

    public static Uri OcrDocumentAddress { get; } = SendAddress(OcrDocument);

    public static string CommandExchange(string queue) => $"commands.{queue}";

    private static Uri SendAddress(string queue) => new($"exchange:{CommandExchange(queue)}?bind=true&queue={queue}");
}
