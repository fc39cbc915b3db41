using Aithena.Contracts;
using Microsoft.Extensions.Options;

namespace Aithena.Catalog.Covers;

/// <summary>
/// Where each document's cover (a small PNG of page 1) lives: <c>{library}/.covers/{id}.png</c>, beside the uploads'
/// <c>.incoming</c>. Hidden, so the Lister never lists it; in the library, so every service of the machine (the Indexer
/// writes, the Api serves) sees the same files whatever the catalog's engine.
/// </summary>
public sealed class CoverStore(IOptions<LibraryOptions> library)
{
    public const string FolderName = ".covers";

    public string Folder => Path.Combine(library.Value.Root, FolderName);

    /// <summary>The cover's path for a well-formed document id; null for anything else (no path built from input).</summary>
    public string? PathOf(string documentId) =>
        DocumentIds.IsValid(documentId) ? Path.Combine(Folder, documentId + ".png") : null;

    /// <summary>The cover's path when it exists.</summary>
    public string? Find(string documentId) => PathOf(documentId) is { } path && File.Exists(path) ? path : null;

    /// <summary>Deletes the cover if there is one; true when a file was removed.</summary>
    public bool Delete(string documentId)
    {
        if (Find(documentId) is not { } path)
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
