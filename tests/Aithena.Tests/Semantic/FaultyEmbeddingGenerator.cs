using Microsoft.Extensions.AI;

namespace Aithena.Tests.Semantic;

/// <summary>
/// The stand-in model with faults on cue: text containing "poison" always fails (a fault no retry fixes), text
/// containing "squeeze" runs out of memory the first <see cref="OutOfMemoryTimes"/> times, as a large batch beside
/// other work might; anything else embeds like <see cref="HashingEmbeddingGenerator"/>.
/// </summary>
public sealed class FaultyEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int OutOfMemoryTimes = 2;
    private readonly HashingEmbeddingGenerator _inner = new();
    private int _squeezed;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        if (texts.Any(t => t.Contains("poison", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The stand-in model cannot digest this passage.");
        }

        if (texts.Any(t => t.Contains("squeeze", StringComparison.Ordinal)) && Interlocked.Increment(ref _squeezed) <= OutOfMemoryTimes)
        {
            throw new OutOfMemoryException("Insufficient memory to continue the execution of the program.");
        }

        return _inner.GenerateAsync(texts, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();
}
