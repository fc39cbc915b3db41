using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Geometry;
using UglyToad.PdfPig.Graphics.Operations;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Parser;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// PdfPig's page factory for <see cref="PageText"/> (registered with <c>PdfDocument.AddPageFactory</c>): PdfPig finds the
/// page, its resources and its content operators as for any page; <see cref="TextStreamProcessor"/> runs them for the text alone.
/// </summary>
internal sealed class TextPageFactory(
    IPdfTokenScanner pdfScanner,
    IResourceStore resourceStore,
    ILookupFilterProvider filterProvider,
    IPageContentParser pageContentParser,
    ParsingOptions parsingOptions)
    : BasePageFactory<PageText>(pdfScanner, resourceStore, filterProvider, pageContentParser, parsingOptions)
{
    protected override PageText ProcessPage(int pageNumber, DictionaryToken dictionary, NamedDestinations namedDestinations, MediaBox mediaBox,
        CropBox cropBox, UserSpaceUnit userSpaceUnit, PageRotationDegrees rotation, TransformationMatrix initialMatrix,
        IReadOnlyList<IGraphicsStateOperation> operations) =>
        new TextStreamProcessor(pageNumber, ResourceStore, PdfScanner, PageContentParser, FilterProvider, cropBox, userSpaceUnit, rotation,
            initialMatrix, ParsingOptions).Process(pageNumber, operations);
}
