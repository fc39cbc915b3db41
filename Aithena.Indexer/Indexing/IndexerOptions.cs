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

    /// <summary>
    /// Which library reads the text: MuPDF's <c>mutool</c> in child processes (the default; Debian's mupdf-tools, checked
    /// at start) or PdfPig in this process. <see cref="MaxPages"/>, <see cref="MaxDuration"/> and
    /// <see cref="MaxNestingDepth"/> bound both; the stream limits bound PdfPig, <see cref="MaxMuPdfMemoryBytes"/> MuPDF.
    /// </summary>
    public TextExtractor TextExtractor { get; set; } = TextExtractor.MuPdf;

    /// <summary>
    /// The most memory (address space) one <c>mutool</c> child may take. A decompression bomb or a page of millions of
    /// glyphs runs out of it and costs that page; the Indexer's own memory is never touched.
    /// </summary>
    [Range(64L << 20, 64L << 30)]
    public long MaxMuPdfMemoryBytes { get; set; } = 1L << 30;

    /// <summary>Documents with more pages are refused (marked failed), so one huge file cannot hold an Indexer for hours.</summary>
    [Range(1, 1_000_000)]
    public int MaxPages { get; set; } = 2000;

    /// <summary>
    /// Wall time for reading one document. MuPDF: its child process is killed when the time is up. PdfPig: checked
    /// between pages and at every stream it decodes, which is where a page spends its time; with the byte limits below
    /// that bounds the work inside one page too.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// PdfPig: the most one stream (a page's content, a font, an object stream) may decode to. It bounds memory: PdfPig keeps a
    /// decoded stream whole, and a deflate bomb of a few megabytes would otherwise inflate to gigabytes. Room for large
    /// embedded fonts (CJK fonts reach 20 MB); what parsing a large stream costs on top is bounded by the GC heap cap
    /// in the project file.
    /// </summary>
    [Range(1L << 10, 1L << 30)]
    public long MaxStreamBytes { get; set; } = 64L << 20;

    /// <summary>
    /// PdfPig: the most all of a document's streams may decode to together: a bound on work (decoded bytes are what PdfPig
    /// parses), for a file of many streams each under <see cref="MaxStreamBytes"/>.
    /// </summary>
    [Range(1L << 10, 1L << 40)]
    public long MaxDecodedBytes { get; set; } = 2L << 30;

    /// <summary>
    /// How deeply arrays, dictionaries and forms may nest (PdfPig's MaxStackDepth). Deeper input fails the document
    /// instead of exhausting the thread's stack, which .NET cannot catch: the process would die. With MuPDF, the depth of
    /// the page tree that is followed.
    /// </summary>
    [Range(16, 4096)]
    public int MaxNestingDepth { get; set; } = 256;
}
