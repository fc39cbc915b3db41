using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Geometry;
using UglyToad.PdfPig.Graphics;
using UglyToad.PdfPig.Graphics.Operations;
using UglyToad.PdfPig.Parser;
using UglyToad.PdfPig.PdfFonts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Runs a page's content stream for its text only. PdfPig's own processor also builds, for every page, each glyph's
/// transformed boxes, colours and font into a <c>Letter</c>, every path and clipping path with its subpaths, and
/// records of images and marked content: most of a page's allocations, none of which the index uses. This one keeps
/// PdfPig's text state (fonts, matrices, spacing, forms) by inheriting it, records a <see cref="PlacedGlyph"/> per
/// glyph and lets drawing operators do nothing. With <c>ClipPaths</c> off (PdfPig's default, and ours), clipping never
/// hid a glyph, so ignoring paths loses no text.
/// </summary>
internal sealed class TextStreamProcessor(
    int pageNumber,
    IResourceStore resourceStore,
    IPdfTokenScanner pdfScanner,
    IPageContentParser pageContentParser,
    ILookupFilterProvider filterProvider,
    CropBox cropBox,
    UserSpaceUnit userSpaceUnit,
    PageRotationDegrees rotation,
    TransformationMatrix initialMatrix,
    ParsingOptions parsingOptions)
    : BaseStreamProcessor<PageText>(pageNumber, resourceStore, pdfScanner, pageContentParser, filterProvider, cropBox, userSpaceUnit,
        rotation, in initialMatrix, parsingOptions)
{
    private readonly List<PlacedGlyph> _glyphs = [];

    public override PageText Process(int pageNumberCurrent, IReadOnlyList<IGraphicsStateOperation> operations)
    {
        PageNumber = pageNumberCurrent;
        CloneAllStates();
        ProcessOperations(operations);
        return new PageText(ContentOrderText.Join(_glyphs));
    }

    public override void RenderGlyph(IFont font, CurrentGraphicsState currentState, double fontSize, double pointSize, int code, string unicode,
        long currentOffset, in TransformationMatrix renderingMatrix, in TransformationMatrix textMatrix, in TransformationMatrix transformationMatrix,
        CharacterBoundingBox characterBoundingBox)
    {
        // A combining accent shown on its own after its letter, in the same text-showing operator, joins that letter
        // (PdfPig does the same): the pair is one letter for spacing, and NFKC later composes it.
        if (currentOffset > 0 && _glyphs.Count > 0 && IsCombiningMark(unicode) && _glyphs[^1] is { } attachTo
            && attachTo.TextSequence == TextSequence && new StringInfo(attachTo.Value + unicode).LengthInTextElements == new StringInfo(attachTo.Value).LengthInTextElements)
        {
            _glyphs[^1] = attachTo with { Value = attachTo.Value + unicode };
            return;
        }

        // The baseline from the glyph's origin to its advance, through the text rendering, text and current
        // transformation matrices in that order.
        var start = Place(new PdfPoint(0, 0), renderingMatrix, textMatrix, transformationMatrix);
        var end = Place(new PdfPoint(characterBoundingBox.Width, 0), renderingMatrix, textMatrix, transformationMatrix);
        _glyphs.Add(new PlacedGlyph(unicode, start, end, pointSize, TextSequence));
    }

    private static PdfPoint Place(PdfPoint point, in TransformationMatrix rendering, in TransformationMatrix text, in TransformationMatrix current) =>
        current.Transform(text.Transform(rendering.Transform(point)));

    /// <summary>The Combining Diacritical Marks block, U+0300 to U+036F, the range PdfPig joins.</summary>
    private static bool IsCombiningMark(string unicode) => unicode.Length == 1 && unicode[0] is >= '\u0300' and <= '\u036F';

    // Drawing: nothing of it reaches the index.
    protected override void RenderXObjectImage(XObjectContentRecord xObjectContentRecord)
    {
    }

    public override void BeginSubpath()
    {
    }

    public override PdfPoint? CloseSubpath() => null;

    public override void StrokePath(bool close)
    {
    }

    public override void FillPath(FillingRule fillingRule, bool close)
    {
    }

    public override void FillStrokePath(FillingRule fillingRule, bool close)
    {
    }

    public override void MoveTo(double x, double y)
    {
    }

    public override void BezierCurveTo(double x2, double y2, double x3, double y3)
    {
    }

    public override void BezierCurveTo(double x1, double y1, double x2, double y2, double x3, double y3)
    {
    }

    public override void LineTo(double x, double y)
    {
    }

    public override void Rectangle(double x, double y, double width, double height)
    {
    }

    public override void EndPath()
    {
    }

    public override void ClosePath()
    {
    }

    public override void ModifyClippingIntersect(FillingRule clippingRule)
    {
    }

    protected override void ClipToRectangle(PdfRectangle rectangle, FillingRule clippingRule)
    {
    }

    public override void EndInlineImage(Memory<byte> bytes) => InlineImageBuilder = null;

    protected override void RenderInlineImage(InlineImage inlineImage)
    {
    }

    public override void BeginMarkedContent(NameToken name, NameToken? propertyDictionaryName, DictionaryToken? properties)
    {
    }

    public override void EndMarkedContent()
    {
    }

    public override void PaintShading(NameToken shadingName)
    {
    }
}
