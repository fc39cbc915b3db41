using Aithena.Api.Messaging;
using Aithena.Catalog;
using Aithena.Contracts;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Aithena.Api.Documents;

/// <summary>
/// A librarian takes a document out of the library: the removal command is confirmed by the broker first (the Indexer
/// then takes the document out of the catalog, as it does for a file the Lister saw disappear), then the file is
/// deleted, so that the Lister does not find it again. Without the broker's confirmation nothing changes.
/// </summary>
public sealed class RemoveDocumentFromLibrary(
    IDocumentCatalog catalog,
    CommandPublisher publisher,
    PublishCircuit circuit,
    IOptions<LibraryOptions> library,
    TimeProvider clock,
    ILogger<RemoveDocumentFromLibrary> logger)
{
    public async Task<RemoveResult> HandleAsync(string id, string by, CancellationToken cancellationToken)
    {
        var document = DocumentIds.IsValid(id) ? await catalog.FindAsync(id, cancellationToken) : null;
        if (document is null || document.Status == DocumentStatus.Removed)
        {
            return new RemoveResult.NotFound();
        }

        try
        {
            await publisher.SendAsync(QueueNames.RemoveDocumentAddress, new RemoveDocument(document.Id, document.Path, clock.GetUtcNow()));
        }
        catch (Exception e)
        {
            return new RemoveResult.QueueUnavailable(e is BrokenCircuitException broken ? broken.RetryAfter ?? circuit.BreakDuration : null);
        }

        // Only a regular file inside the library, never what a symbolic link swapped in points at.
        if (library.Value.ResolveExisting(document.Path) is { } path)
        {
            File.Delete(path);
        }

        RemoveLog.Removed(logger, document.Id, document.Path, by);
        return new RemoveResult.Removing(document);
    }
}
