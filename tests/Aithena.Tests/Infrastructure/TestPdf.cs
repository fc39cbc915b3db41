using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Aithena.Tests.Infrastructure;

/// <summary>PDFs made by test code: text per page with PdfPig's builder, encrypted ones with PdfSharp.</summary>
public static class TestPdf
{
    public static byte[] WithPages(params string[] pages) => Create(pages);

    public static byte[] Create(IReadOnlyList<string> pages, string? title = null, string? author = null)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 780.0;
            foreach (var line in text.Split('\n'))
            {
                page.AddText(line, 11, new PdfPoint(40, y), font);
                y -= 14;
            }
        }

        if (title is not null)
        {
            builder.DocumentInformation.Title = title;
        }

        if (author is not null)
        {
            builder.DocumentInformation.Author = author;
        }

        return builder.Build();
    }

    /// <summary>A PDF that opens only with a user password.</summary>
    public static byte[] Encrypted()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.AddPage();
        document.SecuritySettings.UserPassword = "user-secret";
        document.SecuritySettings.OwnerPassword = "owner-secret";
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>A valid PDF cut short: it has the %PDF- header, so only the Indexer can tell it is broken.</summary>
    public static byte[] Truncated() => WithPages("This document was cut in half.")[..300];

    /// <summary>A PDF of about <paramref name="bytes"/> bytes (padded with text), for size-limit tests.</summary>
    public static byte[] OfSize(int bytes)
    {
        var pdf = WithPages("padding");
        if (pdf.Length > bytes)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), $"smallest test PDF is {pdf.Length} bytes");
        }

        // Trailing bytes after %%EOF are ignored by readers; they make the size exact.
        var padded = new byte[bytes];
        pdf.CopyTo(padded, 0);
        padded.AsSpan(pdf.Length).Fill((byte)'\n');
        return padded;
    }
}
