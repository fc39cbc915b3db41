using Aithena.Contracts;

namespace Aithena.Indexer.Indexing;

/// <summary>No OCR configured: says which documents were scans, so an operator can tell why a document is not found.</summary>
internal sealed class LoggingTextlessDocumentHandler(ILogger<LoggingTextlessDocumentHandler> logger) : ITextlessDocumentHandler
{
    public Task HandleAsync(IndexDocument command, IReadOnlyList<int> textlessPages, int pageCount, CancellationToken cancellationToken)
    {
        IndexerLog.Textless(logger, command.Path, textlessPages.Count, pageCount);
        return Task.CompletedTask;
    }
}
