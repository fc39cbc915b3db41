namespace Aithena.Contracts;

/// <summary>
/// Command: recognise the text of these pages of a document (pages with no text layer: a scan), and replace their text
/// in the catalog. Sent by the Indexer to <see cref="QueueNames.OcrDocument"/> once the document's text layer is indexed,
/// so keyword search works at once for every page that has text and OCR follows on a queue of its own.
/// </summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Path">Library-relative path of the PDF.</param>
/// <param name="ContentHash">SHA-256 of the bytes that were indexed: a file changed since is not recognised (its re-indexing asks again).</param>
/// <param name="RequestId">
/// Which indexing asked: the catalog records it with the pending pages, and a command whose request was replaced by a
/// later indexing of the document is ignored.
/// </param>
/// <param name="Pages">The page numbers, from 1, to recognise.</param>
/// <param name="QueuedAt">When it was queued.</param>
public sealed record RecognizeDocument(string DocumentId, string Path, string ContentHash, Guid RequestId, IReadOnlyList<int> Pages, DateTimeOffset QueuedAt);
