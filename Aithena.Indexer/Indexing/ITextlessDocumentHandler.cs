using Aithena.Contracts;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// The seam where text recognition would go. A document is indexed with the text it has, and the catalog counts its
/// pages without any (<c>textless_pages</c>, <c>textlessPages</c> in the Api); then this is told which pages those
/// were. Aithena has no OCR: the default implementation only logs. An OCR service would plug in here by sending a
/// command of its own (the document id, its path and these page numbers) to a queue it consumes, and would write the
/// recognised text back through the catalog, which keeps a document's pages in one transaction.
/// </summary>
public interface ITextlessDocumentHandler
{
    /// <param name="command">The indexing command of the document.</param>
    /// <param name="textlessPages">The numbers, from 1, of the pages with no text layer.</param>
    /// <param name="pageCount">How many pages the document has.</param>
    Task HandleAsync(IndexDocument command, IReadOnlyList<int> textlessPages, int pageCount, CancellationToken cancellationToken);
}
