using Aithena.Catalog;
using Aithena.Contracts;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Upload;

/// <summary>
/// Gives a received file its final name and place. The catalog row is reserved first and the file moved in
/// second, so the Lister never finds an uploaded file the catalog does not know; a failed move takes the row back,
/// so no queued record names a missing file. The move cannot overwrite, so two uploads of one name at the same
/// instant get two names.
/// </summary>
public sealed class UploadStore(IOptions<LibraryOptions> libraryOptions, IDocumentCatalog catalog, TimeProvider clock)
{
    private const int MaxNameAttempts = 1000;

    /// <summary>Stores the file, or answers the live document that already has its bytes (and stores nothing).</summary>
    public async Task<(StoredUpload? Stored, DocumentRecord? SameContent)> StoreAsync(ReceivedFile file, string uploadedBy, CancellationToken cancellationToken)
    {
        var uploads = Path.Combine(libraryOptions.Value.Root, LibraryOptions.UploadsFolder);
        Directory.CreateDirectory(uploads);
        var name = FileNames.Sanitise(file.OriginalFileName);
        for (var attempt = 0; attempt < MaxNameAttempts; attempt++)
        {
            var fileName = FileNames.WithSuffix(name, attempt);
            var fullPath = Path.Combine(uploads, fileName);
            if (File.Exists(fullPath))
            {
                continue;
            }

            var relativePath = $"{LibraryOptions.UploadsFolder}/{fileName}";
            var id = DocumentIds.FromPath(relativePath);
            var row = new QueuedFile(id, relativePath, file.Size, file.ModifiedAt, file.ContentHash, DocumentSource.Upload, clock.GetUtcNow(), uploadedBy);
            var reservation = await catalog.TryReserveAsync(row, cancellationToken);
            if (reservation.SameContent is { } same)
            {
                return (null, same);
            }

            if (!reservation.Reserved)
            {
                continue;
            }

            try
            {
                File.Move(file.TempPath, fullPath, overwrite: false);
                return (new StoredUpload(id, relativePath, fileName, fullPath, file.Size), null);
            }
            catch (Exception e)
            {
                // Whatever made the move fail, the reserved row goes with it: a queued record must never name a file
                // that is not there. Not the request's token: the rollback must happen even if the client has gone.
                await catalog.ForgetQueuedAsync(id, CancellationToken.None);
                if (e is not IOException || !File.Exists(fullPath))
                {
                    throw;
                }

                // Another upload (or a file dropped by hand) took the name between the check and the move: next name.
            }
        }

        throw new IOException($"No free name for '{name}' after {MaxNameAttempts} attempts.");
    }

    /// <summary>Undoes <see cref="StoreAsync"/>: no file and no record stay behind.</summary>
    public async Task DiscardAsync(StoredUpload upload)
    {
        File.Delete(upload.FullPath);
        await catalog.ForgetQueuedAsync(upload.Id, CancellationToken.None);
    }
}
