using Aithena.Semantic.Embeddings;
using Microsoft.Extensions.AI;

namespace Aithena.Semantic.Passages;

/// <summary>
/// Embeds one document: reads its indexed pages, cuts them into passages, computes a vector per passage and replaces
/// the document's passages in one transaction. Idempotent: a repeated command for text already embedded does nothing,
/// and a command that raced a re-indexing writes nothing.
/// </summary>
public sealed class DocumentEmbedder(IPassageStore store, PassageSplitter splitter, IEmbeddingGenerator<string, Embedding<float>> generator)
{
    public string Model { get; } = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? generator.GetType().Name;

    public async Task<(EmbedOutcome Outcome, int Passages)> EmbedAsync(string documentId, CancellationToken cancellationToken)
    {
        if (await store.ReadTextAsync(documentId, cancellationToken) is not { } text)
        {
            return (EmbedOutcome.NotIndexed, 0);
        }

        if (await store.GetStateAsync(documentId, cancellationToken) is { Status: EmbeddingStatus.Done } state
            && state.IndexingStamp == text.IndexingStamp && state.Model == Model)
        {
            return (EmbedOutcome.AlreadyDone, state.Passages);
        }

        var passages = splitter.Split(text.Pages);
        var embedded = new List<EmbeddedPassage>(passages.Count);
        if (passages.Count > 0)
        {
            var vectors = await generator.GenerateAsync(passages.Select(p => p.Text), cancellationToken: cancellationToken);
            for (var i = 0; i < passages.Count; i++)
            {
                var vector = vectors[i].Vector.ToArray();
                VectorCodec.Normalize(vector);
                embedded.Add(new EmbeddedPassage(passages[i], vector));
            }
        }

        return await store.ReplaceAsync(documentId, text.IndexingStamp, Model, embedded, cancellationToken)
            ? (EmbedOutcome.Embedded, embedded.Count)
            : (EmbedOutcome.Superseded, 0);
    }

    /// <summary>Records that embedding the document's current text gave up; keyword search still finds it.</summary>
    public async Task MarkFailedAsync(string documentId, string reason, CancellationToken cancellationToken)
    {
        if (await store.ReadTextAsync(documentId, cancellationToken) is { } text)
        {
            await store.MarkFailedAsync(documentId, text.IndexingStamp, Model, reason, cancellationToken);
        }
    }
}
