using Aithena.Catalog;
using Aithena.Contracts;

namespace Aithena.Benchmarks;

/// <summary>
/// Library files as the Lister would hand them over: an <see cref="IndexDocument"/> command each, and the catalog's
/// queued record of each, so a benchmark can time the Indexers alone.
/// </summary>
public sealed class ListerBatch
{
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public List<IndexDocument> Commands { get; } = [];
    public List<QueuedFile> Queued { get; } = [];

    /// <param name="path">Library-relative path of the file.</param>
    /// <param name="fullPath">Where it was written.</param>
    public void Add(string path, string fullPath)
    {
        var info = new FileInfo(fullPath);
        var id = DocumentIds.FromPath(path);
        Commands.Add(new IndexDocument(id, path, DocumentSource.Lister, info.Length, _now));
        Queued.Add(new QueuedFile(id, path, info.Length, new DateTimeOffset(info.LastWriteTimeUtc), null, DocumentSource.Lister, _now));
    }
}
