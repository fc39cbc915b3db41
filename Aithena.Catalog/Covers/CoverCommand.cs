namespace Aithena.Catalog.Covers;

/// <summary>
/// How a cover is drawn: MuPDF's <c>mutool draw</c> (Debian's mupdf-tools, which the Indexer reads text with) renders
/// page 1 as a PNG 200 px on its longer side: the 411 corpus PDFs' covers in 8.3 s against poppler's pdftoppm's 12.9 s, the
/// same pictures. One place for the command, so the Indexer's renderer and the cover benchmark (bench/Aithena.Benchmarks) run exactly the same one.
/// </summary>
public static class CoverCommand
{
    public const string Tool = "mutool";

    /// <summary>The longer side of a cover, in pixels: a result card's thumbnail, sharp on a 2x screen at 100 CSS px.</summary>
    public const int LongerSide = 200;

    /// <summary>
    /// The arguments that write page 1 of <paramref name="pdfPath"/> to <paramref name="outputPrefix"/>.png, fitted in
    /// <see cref="LongerSide"/> px square with its proportions kept; -N: no colour management, which a thumbnail does not need.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string pdfPath, string outputPrefix)
    {
        var side = LongerSide.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ["draw", "-q", "-N", "-o", outputPrefix + ".png", "-w", side, "-h", side, pdfPath, "1"];
    }
}
