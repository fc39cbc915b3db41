namespace Aithena.Semantic.Passages;

/// <summary>
/// Where passages and their vectors live: in the catalog, beside the pages they were cut from. One implementation
/// per catalog engine (<see cref="SqlitePassageStore"/>, <see cref="PostgresPassageStore"/>), so semantic search does
/// not care which one runs.
/// </summary>
public interface IPassageStore
{
    /// <summary>An indexed document's page texts and indexing stamp; null when the document is not indexed (any more).</summary>
    Task<DocumentText?> ReadTextAsync(string documentId, CancellationToken cancellationToken);

    Task<EmbeddingState?> GetStateAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the document's passages and vectors in one transaction, so a redelivered command leaves exactly one set.
    /// Returns false, writing nothing, when the document was indexed again (or left the index) since its text was read:
    /// the command sent after that indexing will embed the new text.
    /// </summary>
    Task<bool> ReplaceAsync(string documentId, string indexingStamp, string model, IReadOnlyList<EmbeddedPassage> passages, CancellationToken cancellationToken);

    /// <summary>
    /// The vectors of the document's stored passages by their text, when they were made by <paramref name="model"/>
    /// (empty otherwise), so a re-indexing whose passages did not change reuses them instead of encoding them again.
    /// </summary>
    Task<IReadOnlyDictionary<string, float[]>> ReadVectorsByTextAsync(string documentId, string model, CancellationToken cancellationToken);

    /// <summary>Records that embedding this indexing of the document gave up; its old passages (if any) leave.</summary>
    Task MarkFailedAsync(string documentId, string indexingStamp, string model, string reason, CancellationToken cancellationToken);

    /// <summary>Id → <see cref="EmbeddingStatus"/> for the given documents that are indexed (others are left out).</summary>
    Task<IReadOnlyDictionary<string, string>> GetStatusesAsync(IReadOnlyCollection<string> documentIds, string model, CancellationToken cancellationToken);

    /// <summary>Documents whose passages changed after <paramref name="sinceVersion"/>, at most <paramref name="maxDocuments"/>.</summary>
    Task<PassageChanges> ReadChangesAsync(long sinceVersion, string model, int maxDocuments, CancellationToken cancellationToken);

    /// <summary>The text of the given passages, by id (for snippets).</summary>
    Task<IReadOnlyDictionary<long, string>> ReadPassageTextsAsync(IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken);

    /// <summary>
    /// The library's embedding backlog for <paramref name="model"/>: what waits (and what waits ahead of
    /// <paramref name="documentId"/>, when given, with its own text length), and the passages embedded since
    /// <paramref name="lately"/>.
    /// </summary>
    Task<EmbeddingBacklog> ReadBacklogAsync(string model, string? documentId, DateTimeOffset lately, CancellationToken cancellationToken);
}
