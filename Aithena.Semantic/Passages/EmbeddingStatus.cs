namespace Aithena.Semantic.Passages;

/// <summary>Whether a document's passages have been embedded, as the documents endpoint shows it.</summary>
public static class EmbeddingStatus
{
    /// <summary>Indexed, but its current text has no vectors yet (the embed command is queued or running).</summary>
    public const string Pending = "pending";

    /// <summary>Its current text is cut into passages, each with its vector: semantic search finds it.</summary>
    public const string Done = "done";

    /// <summary>
    /// Embedding gave up on it (the reason is in the document's record, the log and the error queue); keyword search
    /// still finds it.
    /// </summary>
    public const string Failed = "failed";
}
