namespace Aithena.Indexer.Indexing;

/// <summary>
/// The text of each page and the PDF's own title and author; pages PdfPig could not read are empty, and listed in
/// <see cref="UnreadablePages"/> with the reason.
/// </summary>
public sealed record ExtractedPdf(IReadOnlyList<string> Pages, string? Title, string? Author, IReadOnlyList<UnreadablePage> UnreadablePages);
