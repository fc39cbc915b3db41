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
        var result = await EmbedDocumentAsync(documentId, cancellationToken);
        return (result.Outcome, result.Passages);
    }

    /// <summary>
    /// Like <see cref="EmbedAsync"/>, and says how many passages the model had to encode: a passage whose text the
    /// document already had (a re-indexing after a metadata change, a retry, a touched file) keeps its vector, and a
    /// text that occurs several times in the document is encoded once. The model is the cost; reading the old vectors
    /// back is a single query.
    /// </summary>
    public async Task<EmbedResult> EmbedDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        if (await store.ReadTextAsync(documentId, cancellationToken) is not { } text)
        {
            return new EmbedResult(EmbedOutcome.NotIndexed, 0, 0);
        }

        if (await store.GetStateAsync(documentId, cancellationToken) is { Status: EmbeddingStatus.Done } state
            && state.IndexingStamp == text.IndexingStamp && state.Model == Model)
        {
            return new EmbedResult(EmbedOutcome.AlreadyDone, state.Passages, 0);
        }

        var passages = splitter.Split(text.Pages);
        var known = passages.Count > 0
            ? new Dictionary<string, float[]>(await store.ReadVectorsByTextAsync(documentId, Model, cancellationToken), StringComparer.Ordinal)
            : [];
        var missing = passages.Select(p => p.Text).Where(t => !known.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var vectors = await generator.GenerateAsync(missing, cancellationToken: cancellationToken);
            for (var i = 0; i < missing.Count; i++)
            {
                var vector = vectors[i].Vector.ToArray();
                VectorCodec.Normalize(vector);
                known[missing[i]] = vector;
            }
        }

        var embedded = passages.Select(p => new EmbeddedPassage(p, known[p.Text])).ToList();
        return await store.ReplaceAsync(documentId, text.IndexingStamp, Model, embedded, cancellationToken)
            ? new EmbedResult(EmbedOutcome.Embedded, embedded.Count, missing.Count)
            : new EmbedResult(EmbedOutcome.Superseded, 0, 0);
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
