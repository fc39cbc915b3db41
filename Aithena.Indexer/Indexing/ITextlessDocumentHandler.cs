using Aithena.Contracts;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Told, after a document's text layer is in the catalog, which of its pages have no text (or, with
/// <c>Ocr:ForceGarbageText</c>, garbage text): <see cref="OcrTextlessDocumentHandler"/> asks the OCR worker to recognise
/// them, which writes the recognised text back through the catalog.
/// </summary>
public interface ITextlessDocumentHandler
{
    /// <param name="command">The indexing command of the document.</param>
    /// <param name="contentHash">SHA-256 of the bytes that were indexed.</param>
    /// <param name="pages">The numbers, from 1, of the pages to recognise.</param>
    /// <param name="pageCount">How many pages the document has.</param>
    Task HandleAsync(IndexDocument command, string contentHash, IReadOnlyList<int> pages, int pageCount, CancellationToken cancellationToken);
}
