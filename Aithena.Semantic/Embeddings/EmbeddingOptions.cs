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
    /// Encode a document's passages shortest first, so each batch holds passages of about one length: the model pads
    /// every text of a batch to the longest, and padding is work thrown away. The vectors are the same either way;
    /// false is the order of arrival, kept for the benchmark's before-and-after (docs/BENCHMARKS-SEMANTIC.md).
    /// </summary>
    public bool GroupByLength { get; set; } = true;

    /// <summary>
    /// ONNX Runtime tuned for one encoding at a time: every graph optimisation, one thread per core (or
    /// <see cref="Threads"/>) inside an operator and none across operators. False is ONNX Runtime's own defaults, kept
    /// for the benchmark's before-and-after.
    /// </summary>
    public bool TunedSession { get; set; } = true;

    /// <summary>
    /// Run the packaged model through <see cref="DirectSentenceEncoder"/> (inputs and outputs as plain arrays, only the
    /// output that is pooled, pooling on spans) instead of the package's own encoder. The vectors are the same. Off by
    /// default: the model's run is about 98 % of the time either way, and side by side on the shared machine the two
    /// were within the noise of each other (docs/BENCHMARKS-SEMANTIC.md).
    /// </summary>
    public bool DirectEncoder { get; set; }

    /// <summary>
    /// Float32 runs the packaged model as it is; Int8 quantises its weight matrices at load (<see cref="Int8ModelQuantizer"/>)
    /// so they run on the CPU's int8 instructions (VNNI): faster per core and a quarter of the weights' memory, with
    /// vectors that agree closely with float32's (docs/BENCHMARKS-SEMANTIC.md, docs/SEARCH-QUALITY.md). The Embedder
    /// and the Api must agree, as for <see cref="Model"/>: int8 vectors are stored under their own model id ("-int8"),
    /// so a change of precision re-embeds. Int8 always runs through <see cref="DirectEncoder"/> (the package's encoder
    /// loads its model itself).
    /// </summary>
    [EnumDataType(typeof(EmbeddingPrecision))]
    public EmbeddingPrecision Precision { get; set; } = EmbeddingPrecision.Int8;

    /// <summary>
    /// Run the model on an NVIDIA GPU through ONNX Runtime's CUDA provider when this process has one (the GPU build of
    /// ONNX Runtime and CUDA's libraries); otherwise it runs on the CPU, and <see cref="SentenceEncoderEmbeddingGenerator.ExecutionProvider"/>
    /// says why. The vectors are the model's either way. Only the Embedder needs it.
    /// </summary>
    public bool UseCuda { get; set; }

    /// <summary>
    /// Put before a query, never before a passage, for models trained that way. Null: the model's own
    /// (arctic-embed's "Represent this sentence for searching relevant passages: "; nothing for MiniLM).
    /// </summary>
    public string? QueryPrefix { get; set; }

    /// <summary>
    /// Words a piece of a sentence longer than a passage repeats from the piece before, so the words either side of
    /// that cut are read together once. Passages that end at a sentence end never overlap (docs/PASSAGES.md).
    /// </summary>
    [Range(0, 60)]
    public int PassageOverlapWords { get; set; } = Passages.PassageSplitter.DefaultOverlapWords;

    public string EffectiveQueryPrefix => QueryPrefix ?? (Model == EmbeddingModel.ArcticXs ? "Represent this sentence for searching relevant passages: " : "");
}
