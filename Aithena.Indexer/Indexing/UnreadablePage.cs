namespace Aithena.Indexer.Indexing;

/// <summary>A page PdfPig could not read, and why; the rest of its document is indexed without it.</summary>
public sealed record UnreadablePage(int Number, string Reason);
