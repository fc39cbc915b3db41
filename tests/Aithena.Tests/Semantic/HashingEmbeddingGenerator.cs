using Microsoft.Extensions.AI;

namespace Aithena.Tests.Semantic;

/// <summary>A stand-in model for store tests: the same text always gives the same unit vector, with no model to load.</summary>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            var random = new Random(StringComparer.Ordinal.GetHashCode(value));
            var vector = Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            Aithena.Semantic.Passages.VectorCodec.Normalize(vector);
            result.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", null, "hashing", 384) : null;

    public void Dispose()
    {
    }
}
