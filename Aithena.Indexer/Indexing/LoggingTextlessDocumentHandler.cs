using Aithena.Contracts;

namespace Aithena.Indexer.Indexing;

/// <summary>Without OCR (a test of the Indexer alone): says which documents were scans, so an operator can tell why a document is not found.</summary>
internal sealed class LoggingTextlessDocumentHandler(ILogger<LoggingTextlessDocumentHandler> logger) : ITextlessDocumentHandler
{
    public Task HandleAsync(IndexDocument command, string contentHash, IReadOnlyList<int> pages, int pageCount, CancellationToken cancellationToken)
    {
        IndexerLog.Textless(logger, command.Path, pages.Count, pageCount);
        return Task.CompletedTask;
    }
}
