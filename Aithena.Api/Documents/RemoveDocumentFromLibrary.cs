using Aithena.Api.Messaging;
using Aithena.Catalog;
using Aithena.Contracts;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Aithena.Api.Documents;

/// <summary>
/// A librarian takes a document out of the library: its file leaves the library, the removal command is confirmed by
/// the broker (the Indexer then takes the document and its cover out of the catalog, as it does for a file the Lister
/// saw disappear), and the file is deleted. Without the broker's confirmation nothing changes.
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

        // The file is parked in the hidden incoming folder first: the Indexer, which trusts the disk over the command,
        // then finds it gone, and the Lister does not look there. Without the broker's confirmation it goes back.
        // Only a regular file inside the library, never what a symbolic link swapped in points at.
        var path = library.Value.ResolveExisting(document.Path);
        string? parked = null;
        if (path is not null)
        {
            parked = Path.Combine(library.Value.Root, LibraryOptions.IncomingFolder, $"removing-{Guid.NewGuid():N}.pdf");
            Directory.CreateDirectory(Path.GetDirectoryName(parked)!);
            File.Move(path, parked);
        }

        try
        {
            await publisher.SendAsync(QueueNames.RemoveDocumentAddress, new RemoveDocument(document.Id, document.Path, clock.GetUtcNow()));
        }
        catch (Exception e)
        {
            if (parked is not null)
            {
                File.Move(parked, path!);
            }

            return new RemoveResult.QueueUnavailable(e is BrokenCircuitException broken ? broken.RetryAfter ?? circuit.BreakDuration : null);
        }

        if (parked is not null)
        {
            File.Delete(parked);
        }

        RemoveLog.Removed(logger, document.Id, document.Path, by);
        return new RemoveResult.Removing(document);
    }
}
