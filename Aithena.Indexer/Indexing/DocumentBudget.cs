namespace Aithena.Indexer.Indexing;

/// <summary>
/// What one document may still spend while PdfPig reads it: decoded bytes and time. PdfPig swallows some exceptions
/// from inside its parsers (lenient parsing), so the first limit hit is also remembered here, and the extractor asks
/// after every step; a document over budget fails with that reason even when PdfPig carried on.
/// </summary>
public sealed class DocumentBudget(IndexerOptions options, CancellationToken cancellationToken)
{
    private long _decoded;

    public IndexerOptions Options { get; } = options;

    /// <summary>Cancelled when the document's time is up or the service is stopping.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Why the document went over budget, or null.</summary>
    public string? Exceeded { get; private set; }

    /// <summary>The most the next stream may decode to: the per-stream limit or what is left of the total, whichever is less.</summary>
    public long StreamAllowance => Math.Min(Options.MaxStreamBytes, Math.Max(0, Options.MaxDecodedBytes - Interlocked.Read(ref _decoded)));

    /// <summary>Counts a decoded stream against the total, and refuses the one that goes over a limit.</summary>
    public void Charge(long decodedBytes)
    {
        if (decodedBytes > Options.MaxStreamBytes)
        {
            throw StreamTooLarge();
        }

        if (Interlocked.Add(ref _decoded, decodedBytes) > Options.MaxDecodedBytes)
        {
            throw Fail($"The PDF's streams decode to more than {Size(Options.MaxDecodedBytes)} in all, the limit per document (Indexer:MaxDecodedBytes).");
        }
    }

    public PermanentIndexingException StreamTooLarge() => Options.MaxDecodedBytes - Interlocked.Read(ref _decoded) < Options.MaxStreamBytes
        ? Fail($"The PDF's streams decode to more than {Size(Options.MaxDecodedBytes)} in all, the limit per document (Indexer:MaxDecodedBytes).")
        : Fail($"A stream in the PDF decodes to more than {Size(Options.MaxStreamBytes)}, the limit per stream (Indexer:MaxStreamBytes): a decompression bomb, or a document too large to index.");

    /// <summary>Throws when time is up or the service is stopping; the extractor tells the two apart.</summary>
    public void ThrowIfCancellationRequested() => CancellationToken.ThrowIfCancellationRequested();

    /// <summary>Throws the first limit hit, if PdfPig swallowed it.</summary>
    public void ThrowIfExceeded()
    {
        if (Exceeded is not null)
        {
            throw new PermanentIndexingException(Exceeded);
        }
    }

    private PermanentIndexingException Fail(string reason)
    {
        Exceeded ??= reason;
        return new PermanentIndexingException(reason);
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes:N0} bytes",
    };
}
