namespace Aithena.Indexer.Indexing;

/// <summary>
/// What <c>mupdf-outline.js</c> tells about a PDF before its text is drawn: whether it is locked, the pages its tree
/// really holds (<see cref="Pages"/>) against those it claims, its title and author (empty when it has none).
/// </summary>
public sealed record MuPdfOutline(bool Locked, int Pages, long Claimed, string Title, string Author);
