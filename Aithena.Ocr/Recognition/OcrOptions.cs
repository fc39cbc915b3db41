using System.ComponentModel.DataAnnotations;

namespace Aithena.Ocr.Recognition;

/// <summary>
/// Bound from <c>Ocr</c> (environment <c>Ocr__Languages</c>, ...): what the worker recognises and each page's budget. A
/// page over a budget fails with a reason naming it; the worker goes on with the next page.
/// </summary>
public sealed class OcrOptions
{
    public const string SectionName = "Ocr";

    /// <summary>Tesseract language packs, joined by <c>+</c> (<c>eng</c>, <c>eng+deu</c>); each needs its Debian package (<c>tesseract-ocr-deu</c>).</summary>
    [Required]
    [RegularExpression("^[A-Za-z_]{3,20}(\\+[A-Za-z_]{3,20}){0,9}$", ErrorMessage = "Ocr:Languages takes Tesseract language codes joined by '+', e.g. eng+deu.")]
    public string Languages { get; set; } = "eng";

    /// <summary>Wall time for one page, rendering and recognition each: a tool still running then is killed and the page fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The largest page image OCR takes, in pixels at <see cref="Dpi"/>: checked from the page size before rendering and
    /// from the rendered image before recognition. 40 M is an A0 poster at 150 dpi; a 20,000 × 20,000 image is refused.
    /// </summary>
    [Range(10_000L, 1_000_000_000L)]
    public long MaxPagePixels { get; set; } = 40_000_000;

    /// <summary>Resolution pages are rendered at: 150 recovers body text of printed pages; 300 helps small print at twice the cost or more.</summary>
    [Range(50, 600)]
    public int Dpi { get; set; } = 150;

    /// <summary>Address space each tool may take (prlimit): a hostile page ends in the tool's failure, never the worker's.</summary>
    [Range(64L << 20, 64L << 30)]
    public long MaxToolMemoryBytes { get; set; } = 2L << 30;

    /// <summary>Threads Tesseract may use (<c>OMP_THREAD_LIMIT</c>): 1 per worker, and more workers to use more cores.</summary>
    [Range(1, 64)]
    public int Threads { get; set; } = 1;

    /// <summary>Where poppler's and Tesseract's programs are (Debian: /usr/bin).</summary>
    [Required]
    public string ToolsFolder { get; set; } = "/usr/bin";

    /// <summary>Where each command gets a temporary folder of its own, deleted when it ends; the system's temp folder by default.</summary>
    public string? TempFolder { get; set; }
}
