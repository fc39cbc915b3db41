using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// PdfPig's filters with the ones that decode text-relevant streams (content, fonts, object and cross-reference
/// streams) held to one document's budget; given to PdfPig as <c>ParsingOptions.FilterProvider</c>, one per document.
/// Image filters (DCT, JPX, JBIG2, CCITT) are left as they are: extracting text never decodes an image, and PdfPig
/// recognises CCITT streams by the filter's type.
/// </summary>
internal sealed class BudgetedFilterProvider(DocumentBudget budget) : BaseFilterProvider(Filters(budget))
{
    private static Dictionary<string, IFilter> Filters(DocumentBudget budget)
    {
        var ascii85 = new BudgetedFilter(new Ascii85Filter(), budget);
        var asciiHex = new BudgetedFilter(new AsciiHexDecodeFilter(), budget);
        var flate = new BudgetedFilter(new FlateFilter(), budget);
        var runLength = new BudgetedFilter(new RunLengthFilter(), budget);
        var lzw = new BudgetedFilter(new LzwFilter(), budget);
        var ccitt = new CcittFaxDecodeFilter();
        var dct = new DctDecodeFilter();
        var jbig2 = new Jbig2DecodeFilter();
        var jpx = new JpxDecodeFilter();
        return new Dictionary<string, IFilter>
        {
            [NameToken.Ascii85Decode.Data] = ascii85,
            [NameToken.Ascii85DecodeAbbreviation.Data] = ascii85,
            [NameToken.AsciiHexDecode.Data] = asciiHex,
            [NameToken.AsciiHexDecodeAbbreviation.Data] = asciiHex,
            [NameToken.FlateDecode.Data] = flate,
            [NameToken.FlateDecodeAbbreviation.Data] = flate,
            [NameToken.RunLengthDecode.Data] = runLength,
            [NameToken.RunLengthDecodeAbbreviation.Data] = runLength,
            [NameToken.LzwDecode.Data] = lzw,
            [NameToken.LzwDecodeAbbreviation.Data] = lzw,
            [NameToken.CcittfaxDecode.Data] = ccitt,
            [NameToken.CcittfaxDecodeAbbreviation.Data] = ccitt,
            [NameToken.DctDecode.Data] = dct,
            [NameToken.DctDecodeAbbreviation.Data] = dct,
            [NameToken.Jbig2Decode.Data] = jbig2,
            [NameToken.JpxDecode.Data] = jpx,
        };
    }
}
