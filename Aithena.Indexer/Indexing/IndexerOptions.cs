using System.ComponentModel.DataAnnotations;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Bound from <c>Indexer</c> (environment <c>Indexer__MaxPages</c>, ...). The limits are one document's budget: a
/// hostile or broken file fails with a reason that names the limit it hit, instead of holding an Indexer for hours
/// or taking its memory.
/// </summary>
public sealed class IndexerOptions
{
    public const string SectionName = "Indexer";

    /// <summary>Documents with more pages are refused (marked failed), so one huge file cannot hold an Indexer for hours.</summary>
    [Range(1, 1_000_000)]
    public int MaxPages { get; set; } = 2000;

    /// <summary>
    /// Wall time for reading one document. Checked between pages and at every stream PdfPig decodes, which is where
    /// a page spends its time; with the byte limits below that bounds the work inside one page too.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The most one stream (a page's content, a font, an object stream) may decode to. It bounds memory: PdfPig keeps a
    /// decoded stream whole, and a deflate bomb of a few megabytes would otherwise inflate to gigabytes. Room for large
    /// embedded fonts (CJK fonts reach 20 MB); what parsing a large stream costs on top is bounded by the GC heap cap
    /// in the project file.
    /// </summary>
    [Range(1L << 10, 1L << 30)]
    public long MaxStreamBytes { get; set; } = 64L << 20;

    /// <summary>
    /// The most all of a document's streams may decode to together: a bound on work (decoded bytes are what PdfPig
    /// parses), for a file of many streams each under <see cref="MaxStreamBytes"/>.
    /// </summary>
    [Range(1L << 10, 1L << 40)]
    public long MaxDecodedBytes { get; set; } = 2L << 30;

    /// <summary>
    /// How deeply arrays, dictionaries and forms may nest (PdfPig's MaxStackDepth). Deeper input fails the document
    /// instead of exhausting the thread's stack, which .NET cannot catch: the process would die.
    /// </summary>
    [Range(16, 4096)]
    public int MaxNestingDepth { get; set; } = 256;
}
