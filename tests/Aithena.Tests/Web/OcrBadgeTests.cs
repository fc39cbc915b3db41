using Aithena.Web.Components.Shared;
using Bunit;

namespace Aithena.Tests.Web;

/// <summary>A scanned document's OCR state as the library and document pages show it.</summary>
public sealed class OcrBadgeTests : IDisposable
{
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    [Theory]
    [InlineData("pending", "Scan: recognising text…")]
    [InlineData("done", "Scan: text recognised")]
    [InlineData("failed", "Scan: OCR failed")]
    public void A_scanned_document_shows_its_ocr_state(string ocr, string label)
    {
        var badge = _context.Render<OcrBadge>(p => p.Add(b => b.Ocr, ocr).Add(b => b.Pages, 2));

        Assert.Equal(label, badge.Find(".badge-ocr").TextContent);
        Assert.Contains($"badge-ocr-{ocr}", badge.Find(".badge-ocr").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_with_nothing_to_recognise_shows_no_badge()
    {
        var badge = _context.Render<OcrBadge>(p => p.Add(b => b.Ocr, "none"));

        Assert.Empty(badge.FindAll(".badge"));
    }
}
