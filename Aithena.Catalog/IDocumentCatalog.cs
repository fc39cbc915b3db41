namespace Aithena.Catalog;

/// <summary>
/// The documents and their pages, whatever the engine (<see cref="CatalogEngine"/>): what the Api, the Indexer and the
/// Lister read and write. Every write is one short transaction, safe beside other processes writing the same catalog.
/// </summary>
public interface IDocumentCatalog
{
    Task<DocumentRecord?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>A live (queued or indexed) document with exactly these bytes, if the library has one.</summary>
    Task<DocumentRecord?> FindByContentAsync(string contentHash, CancellationToken cancellationToken = default);

    /// <summary>The library, by path, one page of it, with the number of documents in all.</summary>
    Task<(IReadOnlyList<DocumentRecord> Items, int Total)> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Path → state of every document that is not removed: what the Lister compares the folder with.</summary>
    Task<Dictionary<string, FileState>> GetFileStatesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records files as <c>queued</c>, keeping what an earlier indexing found until it is replaced. The Lister calls
    /// this after the broker confirmed the commands, so an Indexer may already have handled one of them: a row written
    /// after the command was queued is newer than this news and is left as it is.
    /// </summary>
    Task MarkQueuedAsync(IReadOnlyCollection<QueuedFile> files, CancellationToken cancellationToken = default);

    Task MarkQueuedAsync(QueuedFile file, CancellationToken cancellationToken = default) => MarkQueuedAsync([file], cancellationToken);

    /// <summary>
    /// Claims a path for a new upload, and its bytes with it: in one transaction that uploads of the same content
    /// queue for, a live (queued or indexed) document with the file's <see cref="QueuedFile.ContentHash"/> is returned
    /// instead, so identical uploads at once store one copy. Otherwise the row is written unless a live document
    /// already holds the path (a removed one may be replaced).
    /// </summary>
    Task<Reservation> TryReserveAsync(QueuedFile file, CancellationToken cancellationToken = default);

    /// <summary>Undoes an upload whose command was never confirmed: the row goes, unless something indexed it meanwhile.</summary>
    Task ForgetQueuedAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a document's metadata and page text in one transaction: indexing the same file twice,
    /// or a redelivered message, leaves exactly one set of rows.
    /// </summary>
    Task SaveIndexedAsync(IndexedDocument document, CancellationToken cancellationToken = default);

    /// <summary>Records why a document cannot be indexed; its old text (if any) leaves the index.</summary>
    Task MarkFailedAsync(string id, string path, string reason, CancellationToken cancellationToken = default);

    /// <summary>Takes a document out of the index and marks it <c>removed</c>. Returns false when the catalog never knew it.</summary>
    Task<bool> MarkRemovedAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>How many documents have each status (every status of <see cref="DocumentStatus.All"/>, zero included): one grouped count.</summary>
    Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>How many page rows a document has: lets tests prove that re-indexing leaves no duplicates.</summary>
    Task<int> CountPagesAsync(string id, CancellationToken cancellationToken = default);
}
