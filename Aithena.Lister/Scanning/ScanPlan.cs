using Aithena.Catalog;
using Aithena.Contracts;

namespace Aithena.Lister.Scanning;

/// <summary>What one scan must send: files to index (new or changed) and documents whose file is gone.</summary>
public sealed record ScanPlan(int FilesSeen, IReadOnlyList<LibraryFile> ToIndex, IReadOnlyList<(string Id, string Path)> ToRemove)
{
    /// <summary>
    /// Compares the folder with the catalog by path, size and modified time. A file the catalog already has as
    /// queued, indexed or failed with the same size and time is left alone: that covers uploads, which the Api
    /// recorded before moving them in, and failed files, which are tried again only once they change.
    /// </summary>
    public static ScanPlan Create(IEnumerable<LibraryFile> files, IReadOnlyDictionary<string, FileState> catalog)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var toIndex = new List<LibraryFile>();
        foreach (var file in files)
        {
            seen.Add(file.Path);
            if (!catalog.TryGetValue(file.Path, out var known) || known.Size != file.Size || known.ModifiedAt != file.ModifiedAt)
            {
                toIndex.Add(file);
            }
        }

        var toRemove = catalog
            .Where(entry => !seen.Contains(entry.Key) && entry.Value.Status != DocumentStatus.Removed)
            .Select(entry => (entry.Value.Id, entry.Key))
            .ToList();
        return new ScanPlan(seen.Count, toIndex, toRemove);
    }

    public static IndexDocument IndexCommand(LibraryFile file, DateTimeOffset now) =>
        new(DocumentIds.FromPath(file.Path), file.Path, DocumentSource.Lister, file.Size, now);
}
