using System.Numerics.Tensors;
using Aithena.Semantic.Passages;

namespace Aithena.Tests.Semantic;

/// <summary>Vectors as the catalog stores them (int8 and a scale), on either engine.</summary>
public sealed class VectorCodecTests
{
    [Fact]
    public void Int8_vectors_keep_cosine_similarity_within_a_hundredth()
    {
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var a = Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            var b = Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            VectorCodec.Normalize(a);
            VectorCodec.Normalize(b);
            var (bytes, scale) = VectorCodec.Quantize(a);
            var back = new float[384];
            VectorCodec.Dequantize(bytes, scale, back);
            Assert.InRange(TensorPrimitives.Dot(back, b) - TensorPrimitives.Dot(a, b), -0.01f, 0.01f);
        }
    }
}
