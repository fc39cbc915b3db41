using System.Numerics.Tensors;
using Aithena.Semantic.Embeddings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Semantic;

/// <summary>The model quantised to int8 at load says what the float32 model says, closely enough to rank the same.</summary>
public sealed class Int8EncoderTests
{
    private static readonly string[] Texts =
    [
        "Short.",
        "The mechanic replaced the worn brake pads and told us the automobile was safe to drive again.",
        "Tropical rainforests hold more than half of the world's plant and animal species on a small share of its land, " +
        "and their canopy, which rarely lets sunlight reach the ground, shelters insects that live nowhere else on earth.",
        "To restore a backup, stop the service, copy the archive into the data folder and start the service again.",
    ];

    /// <summary>
    /// The benchmark's lowest cosine over 77 real passages is 0.989 (MiniLM) and 0.998 (ArcticXs)
    /// (docs/BENCHMARKS-SEMANTIC.md); 0.97 leaves room for other texts while still catching a broken quantisation
    /// (a wrong scale or a transposed weight gives cosines far below 0.9).
    /// </summary>
    private const float LowestAgreement = 0.97f;

    [Theory]
    [InlineData(EmbeddingModel.MiniLM)]
    [InlineData(EmbeddingModel.ArcticXs)]
    public async Task Int8_vectors_agree_with_float32_vectors_and_are_unit_length(EmbeddingModel model)
    {
        using var float32 = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, DirectEncoder = true, Precision = EmbeddingPrecision.Float32 }));
        using var int8 = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, Precision = EmbeddingPrecision.Int8 }));

        var expected = await float32.GenerateAsync(Texts);
        var actual = await int8.GenerateAsync(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(expected[i].Vector.Span, actual[i].Vector.Span);
            Assert.True(cosine >= LowestAgreement, $"text {i}: cosine {cosine}");
            Assert.Equal(1f, TensorPrimitives.Norm(actual[i].Vector.Span), 3);
        }

        Assert.True(int8.QuantizeSeconds > 0);
    }

    [Fact]
    public async Task Int8_model_ranks_a_paraphrase_above_an_unrelated_sentence()
    {
        using var int8 = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = EmbeddingModel.MiniLM, Precision = EmbeddingPrecision.Int8 }));

        var vectors = await int8.GenerateAsync(["My car's brakes were fixed at the garage.", Texts[1], Texts[2]]);

        var paraphrase = TensorPrimitives.Dot(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var unrelated = TensorPrimitives.Dot(vectors[0].Vector.Span, vectors[2].Vector.Span);
        Assert.True(paraphrase > unrelated + 0.2f, $"paraphrase {paraphrase}, unrelated {unrelated}");
    }

    [Theory]
    [InlineData(EmbeddingModel.MiniLM)]
    [InlineData(EmbeddingModel.ArcticXs)]
    public void Vectors_of_another_precision_count_as_another_model(EmbeddingModel model)
    {
        using var float32 = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, Precision = EmbeddingPrecision.Float32 }));
        using var int8 = new SentenceEncoderEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = model, Precision = EmbeddingPrecision.Int8 }));

        Assert.Equal(float32.Metadata.DefaultModelId + "-int8", int8.Metadata.DefaultModelId);
        Assert.Equal(SentenceEncoderEmbeddingGenerator.ModelId(model, EmbeddingPrecision.Int8), int8.Metadata.DefaultModelId);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("Int4")]
    public async Task A_service_with_an_unknown_precision_does_not_start(string precision)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Embeddings:Precision"] = precision });
        builder.AddEmbeddings();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains("Precision", error.ToString(), StringComparison.Ordinal);
    }
}
