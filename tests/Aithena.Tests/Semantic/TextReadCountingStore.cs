using Aithena.Semantic.Passages;

namespace Aithena.Tests.Semantic;

/// <summary>Passes everything to the real passage store and counts the reads of a document's whole text.</summary>
public sealed class TextReadCountingStore(IPassageStore inner) : IPassageStore
{
    private int _textReads;

    public int TextReads => Volatile.Read(ref _textReads);

    public Task<DocumentText?> ReadTextAsync(string documentId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _textReads);
        return inner.ReadTextAsync(documentId, cancellationToken);
    }

    public Task<EmbeddingState?> GetStateAsync(string documentId, CancellationToken cancellationToken) => inner.GetStateAsync(documentId, cancellationToken);

    public Task<bool> ReplaceAsync(string documentId, string indexingStamp, string model, IReadOnlyList<EmbeddedPassage> passages, CancellationToken cancellationToken) =>
        inner.ReplaceAsync(documentId, indexingStamp, model, passages, cancellationToken);

    public Task<IReadOnlyDictionary<string, float[]>> ReadVectorsByTextAsync(string documentId, string model, CancellationToken cancellationToken) =>
        inner.ReadVectorsByTextAsync(documentId, model, cancellationToken);

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
