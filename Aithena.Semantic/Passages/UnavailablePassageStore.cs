namespace Aithena.Semantic.Passages;

/// <summary>
/// The passage store of a catalog engine that has none yet (PostgreSQL): nothing is stored and nothing is found, so
/// embedding commands are acknowledged without work, documents show no embeddings, and semantic and hybrid search
/// answer with the keyword result and say why. A PostgreSQL implementation of <see cref="IPassageStore"/> replaces it.
/// </summary>
public sealed class UnavailablePassageStore : IPassageStore
{
    public Task<DocumentText?> ReadTextAsync(string documentId, CancellationToken cancellationToken) => Task.FromResult<DocumentText?>(null);

    public Task<EmbeddingState?> GetStateAsync(string documentId, CancellationToken cancellationToken) => Task.FromResult<EmbeddingState?>(null);

    public Task<bool> ReplaceAsync(string documentId, string indexingStamp, string model, IReadOnlyList<EmbeddedPassage> passages,
        CancellationToken cancellationToken) => Task.FromResult(false);

    public Task MarkFailedAsync(string documentId, string indexingStamp, string model, string reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, string>> GetStatusesAsync(IReadOnlyCollection<string> documentIds, string model,
        CancellationToken cancellationToken) => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public Task<PassageChanges> ReadChangesAsync(long sinceVersion, string model, int maxDocuments, CancellationToken cancellationToken) =>
        Task.FromResult(new PassageChanges([], sinceVersion));

    public Task<IReadOnlyDictionary<long, string>> ReadPassageTextsAsync(IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<long, string>>(new Dictionary<long, string>());
}
