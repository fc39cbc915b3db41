namespace Aithena.Catalog.Covers;

/// <summary>
/// How a cover is drawn: poppler's <c>pdftoppm</c> renders page 1 as a PNG 200 px on its longer side. One place for the
/// command, so the Indexer's renderer and the cover benchmark (bench/Aithena.Benchmarks) run exactly the same one.
/// </summary>
public static class CoverCommand
{
    public const string Tool = "pdftoppm";

    /// <summary>The longer side of a cover, in pixels: a result card's thumbnail, sharp on a 2x screen at 100 CSS px.</summary>
    public const int LongerSide = 200;

    /// <summary>
    /// The arguments that write page 1 of <paramref name="pdfPath"/> to <paramref name="outputPrefix"/>.png (-singlefile:
    /// no page number in the name). 40 dpi is plenty below 200 px and keeps a large page from being drawn big first.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string pdfPath, string outputPrefix) =>
        ["-png", "-r", "40", "-f", "1", "-l", "1", "-scale-to", LongerSide.ToString(System.Globalization.CultureInfo.InvariantCulture), "-singlefile", pdfPath, outputPrefix];
}
