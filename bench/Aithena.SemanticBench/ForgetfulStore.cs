using Aithena.Semantic.Passages;

namespace Aithena.SemanticBench;

/// <summary>A passage store that never hands old vectors back: the embedder as it was before it reused them.</summary>
public sealed class ForgetfulStore(IPassageStore inner) : IPassageStore
{
    public Task<DocumentText?> ReadTextAsync(string documentId, CancellationToken cancellationToken) => inner.ReadTextAsync(documentId, cancellationToken);

    public Task<EmbeddingState?> GetStateAsync(string documentId, CancellationToken cancellationToken) => inner.GetStateAsync(documentId, cancellationToken);

    public Task<bool> ReplaceAsync(string documentId, string indexingStamp, string model, IReadOnlyList<EmbeddedPassage> passages, CancellationToken cancellationToken) =>
        inner.ReplaceAsync(documentId, indexingStamp, model, passages, cancellationToken);

    public Task<IReadOnlyDictionary<string, float[]>> ReadVectorsByTextAsync(string documentId, string model, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, float[]>>(new Dictionary<string, float[]>());

    public Task MarkFailedAsync(string documentId, string indexingStamp, string model, string reason, CancellationToken cancellationToken) =>
        inner.MarkFailedAsync(documentId, indexingStamp, model, reason, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetStatusesAsync(IReadOnlyCollection<string> documentIds, string model, CancellationToken cancellationToken) =>
        inner.GetStatusesAsync(documentIds, model, cancellationToken);

    public Task<PassageChanges> ReadChangesAsync(long sinceVersion, string model, int maxDocuments, CancellationToken cancellationToken) =>
        inner.ReadChangesAsync(sinceVersion, model, maxDocuments, cancellationToken);

    public Task<IReadOnlyDictionary<long, string>> ReadPassageTextsAsync(IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken) =>
        inner.ReadPassageTextsAsync(passageIds, cancellationToken);

    public Task<EmbeddingBacklog> ReadBacklogAsync(string model, string? documentId, DateTimeOffset lately, CancellationToken cancellationToken) =>
        inner.ReadBacklogAsync(model, documentId, lately, cancellationToken);
}
