using System.ComponentModel.DataAnnotations;

namespace Aithena.Semantic.Embeddings;

/// <summary>Bound from <c>Embeddings</c>: which model turns text into vectors, in the Indexer and in the Api alike.</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embeddings";

    /// <summary>
    /// MiniLM (the default, chosen by docs/SEARCH-QUALITY.md), ArcticXs, or None. The Indexer and the Api must agree:
    /// vectors of one model mean nothing to another, so passages embedded by another model count as not done.
    /// </summary>
    public EmbeddingModel Model { get; set; } = EmbeddingModel.MiniLM;

    /// <summary>Threads ONNX Runtime uses inside one encoding (0: one per core).</summary>
    [Range(0, 64)]
    public int Threads { get; set; }

    /// <summary>Texts encoded in one model call: larger batches are faster per text and need more memory.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// Put before a query, never before a passage, for models trained that way. Null: the model's own
    /// (arctic-embed's "Represent this sentence for searching relevant passages: "; nothing for MiniLM).
    /// </summary>
    public string? QueryPrefix { get; set; }

    public string EffectiveQueryPrefix => QueryPrefix ?? (Model == EmbeddingModel.ArcticXs ? "Represent this sentence for searching relevant passages: " : "");
}
