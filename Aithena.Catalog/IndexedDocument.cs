using Aithena.Contracts;

namespace Aithena.Catalog;

/// <summary>What the Indexer writes for one document: its metadata and the text of each page, in order.</summary>
public sealed record IndexedDocument(
    string Id,
    string Path,
    long Size,
    DateTimeOffset ModifiedAt,
    string ContentHash,
    DocumentMetadata Metadata,
    IReadOnlyList<string> Pages,
    DocumentSource? Source,
    DateTimeOffset? QueuedAt)
{
    /// <summary>The numbers (from 1) of the pages that have no text at all: a scan, or a page that is only an image.</summary>
    public IReadOnlyList<int> TextlessPages { get; } = Pages.Select((text, index) => (text, index))
        .Where(p => string.IsNullOrWhiteSpace(p.text)).Select(p => p.index + 1).ToList();

    /// <summary>Characters of text in all pages.</summary>
    public long TextLength { get; } = Pages.Sum(p => (long)p.Length);
}
