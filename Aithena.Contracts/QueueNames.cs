namespace Aithena.Contracts;

/// <summary>The durable queues commands are sent to. Senders and the Indexer must agree on these names.</summary>
public static class QueueNames
{
    public const string IndexDocument = "index-document";
    public const string RemoveDocument = "remove-document";

    public static Uri IndexDocumentAddress { get; } = new($"queue:{IndexDocument}");
    public static Uri RemoveDocumentAddress { get; } = new($"queue:{RemoveDocument}");
}
