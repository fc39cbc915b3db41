using System.Numerics.Tensors;
using Aithena.Semantic.Embeddings;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Semantic;

/// <summary>The Embedder's own way of running the packaged models says what the packages' encoders say.</summary>
public sealed class DirectSentenceEncoderTests
{
    private static readonly string[] Texts =
    [
        "Short.",
        "The mechanic replaced the worn brake pads and told us the automobile was safe to drive again.",
        "Tropical rainforests hold more than half of the world's plant and animal species on a small share of its land, " +
        "and their canopy, which rarely lets sunlight reach the ground, shelters insects that live nowhere else on earth.",
        "",
    ];

    [Theory]
    [InlineData(EmbeddingModel.MiniLM)]
    [InlineData(EmbeddingModel.ArcticXs)]
    public async Task Direct_encoder_gives_the_vectors_of_the_packaged_encoder_for_texts_of_different_lengths_in_one_batch(EmbeddingModel model)
    {
        using var package = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, DirectEncoder = false, Precision = EmbeddingPrecision.Float32 }));
        using var direct = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, DirectEncoder = true, Precision = EmbeddingPrecision.Float32 }));

        var expected = await package.GenerateAsync(Texts);
        var actual = await direct.GenerateAsync(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(expected[i].Vector.Span, actual[i].Vector.Span) > 0.9999f, $"text {i}");
            Assert.Equal(1f, TensorPrimitives.Norm(actual[i].Vector.Span), 3);
        }
    }

    [Fact]
    public async Task Asking_for_CUDA_where_there_is_none_runs_on_the_CPU_with_the_same_vectors_and_says_why()
    {
        using var cpu = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions()));
        using var cuda = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { UseCuda = true }));

        var expected = await cpu.GenerateAsync(Texts);
        var actual = await cuda.GenerateAsync(Texts);

        Assert.StartsWith("CPU (CUDA unavailable: ", cuda.ExecutionProvider);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(expected[i].Vector.Span, actual[i].Vector.Span) > 0.9999f, $"text {i}");
        }
    }
}
