namespace Aithena.Indexer.Indexing;

/// <summary>
/// Reads a PDF's text page by page, with its title and author, within the document's budget (<see cref="IndexerOptions"/>).
/// A document it cannot read, or one past a limit, is a <see cref="PermanentIndexingException"/> naming why.
/// </summary>
public interface IPdfTextExtractor
{
    /// <param name="content">The file's bytes, already read and hashed by the caller: the text comes from these very bytes.</param>
    /// <param name="cancellationToken">The service stopping: the extraction is abandoned and the message handed back.</param>
    Task<ExtractedPdf> ExtractAsync(byte[] content, IndexerOptions limits, CancellationToken cancellationToken);
}
