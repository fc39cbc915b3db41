namespace Aithena.Indexer.Indexing;

/// <summary>Which library reads a PDF's text (<c>Indexer:TextExtractor</c>).</summary>
public enum TextExtractor
{
    /// <summary>
    /// MuPDF's <c>mutool</c> (Debian's mupdf-tools), in child processes: about 2.5 times pdftotext's pace on the real corpus,
    /// and a PDF that crashes or exhausts it costs that child, never the Indexer.
    /// </summary>
    MuPdf,

    /// <summary>PdfPig, in the Indexer's own process, under the byte and nesting limits of <see cref="IndexerOptions"/>.</summary>
    PdfPig,
}
