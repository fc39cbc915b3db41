namespace Aithena.Catalog;

/// <summary>
/// Text recognition's part of the catalog (<see cref="OcrSchema"/>): the Indexer records which pages of a document need
/// OCR, the OCR worker reads which are still pending and writes each page's recognised text, in one transaction, in
/// place of the empty text the Indexer found, so search sees it like any other page.
/// </summary>
public interface IOcrCatalog
{
    /// <summary>
    /// Records the pages of an indexed document that need OCR under <paramref name="request"/>, replacing any earlier
    /// request, and marks the document <c>pending</c>. False (nothing written) when the document is no longer indexed
    /// with these bytes.
    /// </summary>
    Task<bool> MarkPendingAsync(string id, string contentHash, Guid request, IReadOnlyCollection<int> pages, CancellationToken cancellationToken = default);

    /// <summary>The pages of this request still pending, in order: none for a stale request, or one already done.</summary>
    Task<IReadOnlyList<int>> PendingPagesAsync(string id, Guid request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a pending page's text with what OCR read and marks it done, in one transaction that also moves the
    /// document's <c>indexed_at</c> (its embeddings are then out of date). False when the page is no longer pending under
    /// this request (done already, or the document re-indexed meanwhile).
    /// </summary>
    Task<bool> SavePageAsync(string id, Guid request, int page, string text, CancellationToken cancellationToken = default);

    /// <summary>Marks a pending page failed with the reason; its text stays empty. False when it was not pending under this request.</summary>
    Task<bool> FailPageAsync(string id, Guid request, int page, string reason, CancellationToken cancellationToken = default);

    /// <summary>Marks every page still pending under this request failed (the command was set aside after crashes).</summary>
    Task FailPendingAsync(string id, Guid request, string reason, CancellationToken cancellationToken = default);
}
