using Microsoft.Extensions.AI;

namespace Aithena.Tests.Semantic;

/// <summary>Passes texts to another generator and remembers which ones the model was asked to encode.</summary>
public sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, string? modelId = null) : IEmbeddingGenerator<string, Embedding<float>>
{
    public List<string> Texts { get; } = [];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        lock (Texts)
        {
            Texts.AddRange(texts);
        }

        return inner.GenerateAsync(texts, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        modelId is not null && serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", null, modelId, 384) : inner.GetService(serviceType, serviceKey);

    public void Dispose() => inner.Dispose();
}
