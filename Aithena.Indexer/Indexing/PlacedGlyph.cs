using UglyToad.PdfPig.Core;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// What text extraction needs of one shown glyph: its text, where its baseline starts and ends on the page, and its
/// size in points. PdfPig's <c>Letter</c> carries much more (glyph outlines' boxes, colours, the font), all unused here.
/// </summary>
internal readonly record struct PlacedGlyph(string Value, PdfPoint Start, PdfPoint End, double PointSize, int TextSequence);
