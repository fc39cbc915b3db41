using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Aithena.Semantic.Embeddings;

/// <summary>
/// Turns a float32 ONNX model into one whose weight matrix products run in int8, at load, the way ONNX Runtime's
/// dynamic quantisation does it: every <c>MatMul</c> whose second input is a float 2-D initializer (a weight matrix)
/// becomes a <c>com.microsoft</c> <c>DynamicQuantizeMatMul</c>, which quantises its float input per call to uint8 and
/// multiplies with int8 weights (MLAS's u8s8 kernels: VNNI where the CPU has it). Weights are symmetric int8
/// (-127..127, zero point 0) with one scale per output column: columns differ in range by an order of magnitude, and a
/// scale per tensor loses the small ones. Products of two activations (attention scores) stay float, and so does the
/// first layer's feed-forward output (below). The graph optimiser fuses what it fused in the float model
/// (LayerNormalization, Gelu; neither model's graph has the pattern of its Attention fusion). Deterministic: the same
/// float model always gives the same bytes. Nothing is written to disk.
/// </summary>
public static class Int8ModelQuantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>The quantised model's bytes, and how many weight matrices were quantised.</summary>
    /// <remarks>
    /// Read from a stream (the package's resource), not from the model's bytes in an array: the parsed model is a copy
    /// of them already, and two float models at once made loading int8 peak higher than loading float32.
    /// </remarks>
    public static (byte[] Model, int Quantized) Quantize(Stream float32Model)
    {
        var model = ModelProto.Parser.ParseFrom(float32Model);
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var quantized = new Dictionary<string, (string Weights, string Scales, string ZeroPoints)>();
        var quantizedCount = 0;
        var keptFirstDownProjection = false;
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || node.Domain is not ("" or "ai.onnx") || node.Input.Count != 2
                || !initializers.TryGetValue(node.Input[1], out var weights)
                || weights.DataType != (int)TensorProto.Types.DataType.Float || weights.Dims.Count != 2)
            {
                continue;
            }

            if (weights.Dims[0] > weights.Dims[1] && !keptFirstDownProjection)
            {
                // The first layer's feed-forward output (its input, after GELU, has the widest outliers of the model
                // and is quantised per call with one scale): MiniLM's lowest cosine to float32 over the benchmark's
                // passages rose from 0.9815 to 0.9887 with this one matrix of 36 left float, for about 5 % of the
                // speed (docs/SEMANTIC.md).
                keptFirstDownProjection = true;
                continue;
            }

            if (!quantized.TryGetValue(weights.Name, out var names))
            {
                names = quantized[weights.Name] = QuantizePerColumn(weights, graph);
            }

            var input = node.Input[0];
            node.OpType = "DynamicQuantizeMatMul";
            node.Domain = MicrosoftDomain;
            node.Input.Clear();
            node.Input.Add([input, names.Weights, names.Scales, names.ZeroPoints]);
            quantizedCount++;
        }

        FoldBiases(graph);

        // The float weights go when nothing else reads them: that is the model's memory saved.
        var stillRead = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name)).ToHashSet();
        foreach (var name in quantized.Keys.Where(n => !stillRead.Contains(n)))
        {
            graph.Initializer.Remove(initializers[name]);
        }

        if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return (model.ToByteArray(), quantizedCount);
    }

    /// <summary>
    /// A quantised product followed by the addition of a bias vector (every linear layer of a transformer) takes the bias
    /// as its own optional input: the kernel adds it while scaling its int32 results back to float, and the graph runs
    /// one operator less per layer instead of a separate pass over the activations.
    /// </summary>
    private static void FoldBiases(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var readers = graph.Node.SelectMany(n => n.Input.Select(i => (Input: i, Node: n))).ToLookup(x => x.Input, x => x.Node);
        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet();
        var folded = new HashSet<NodeProto>();
        foreach (var product in graph.Node.Where(n => n.OpType == "DynamicQuantizeMatMul" && n.Domain == MicrosoftDomain && n.Input.Count == 4).ToList())
        {
            var output = product.Output[0];
            if (graphOutputs.Contains(output) || readers[output].Count() != 1 || readers[output].Single() is not { OpType: "Add", Domain: "" or "ai.onnx" } add)
            {
                continue;
            }

            var biasName = add.Input[0] == output ? add.Input[1] : add.Input[0];
            var columns = initializers[product.Input[2]].Dims[0];
            if (!initializers.TryGetValue(biasName, out var bias) || bias.DataType != (int)TensorProto.Types.DataType.Float
                || bias.Dims.Count != 1 || bias.Dims[0] != columns)
            {
                continue;
            }

            product.Input.Add(biasName);
            product.Output[0] = add.Output[0];
            folded.Add(add);
        }

        var kept = graph.Node.Where(n => !folded.Contains(n)).ToList();
        graph.Node.Clear();
        graph.Node.Add(kept);
    }

    private static (string Weights, string Scales, string ZeroPoints) QuantizePerColumn(TensorProto weights, GraphProto graph)
    {
        var rows = (int)weights.Dims[0];
        var columns = (int)weights.Dims[1];
        var values = weights.FloatData.Count > 0
            ? weights.FloatData.ToArray()
            : MemoryMarshal.Cast<byte, float>(weights.RawData.Span).ToArray();
        var scales = new float[columns];
        for (var c = 0; c < columns; c++)
        {
            var largest = 0f;
            for (var r = 0; r < rows; r++)
            {
                largest = MathF.Max(largest, MathF.Abs(values[r * columns + c]));
            }

            scales[c] = largest > 0 ? largest / 127f : 1f;
        }

        var quantized = new sbyte[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                quantized[r * columns + c] = (sbyte)Math.Clamp(MathF.Round(values[r * columns + c] / scales[c], MidpointRounding.ToEven), -127, 127);
            }
        }

        var names = (weights.Name + "_int8", weights.Name + "_scale", weights.Name + "_zero_point");
        graph.Initializer.Add(Tensor(names.Item1, TensorProto.Types.DataType.Int8, [rows, columns], MemoryMarshal.AsBytes<sbyte>(quantized)));
        graph.Initializer.Add(Tensor(names.Item2, TensorProto.Types.DataType.Float, [columns], MemoryMarshal.AsBytes<float>(scales)));
        graph.Initializer.Add(Tensor(names.Item3, TensorProto.Types.DataType.Int8, [columns], new byte[columns]));
        return names;
    }

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, long[] dims, ReadOnlySpan<byte> raw)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
