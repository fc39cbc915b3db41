using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Aithena.Benchmarks;

/// <summary>PDFs for the load: real text per page (PdfPig's builder), and padded ones of an exact size.</summary>
public static class Pdfs
{
    public const int LinesPerPage = 12;

    /// <summary>A document whose every page holds a dozen lines of text naming the document, so no two are alike.</summary>
    public static byte[] Document(int pages, string name, string? extraWord = null)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var p = 1; p <= pages; p++)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 780.0;
            for (var line = 1; line <= LinesPerPage; line++)
            {
                var text = $"{name} page {p} line {line}: messaging done right across many processes, durable queues and confirms.";
                if (line == 1 && p == 1 && extraWord is not null)
                {
                    text = $"{extraWord} {text}";
                }

                page.AddText(text, 10, new PdfPoint(40, y), font);
                y -= 14;
            }
        }

        builder.DocumentInformation.Title = name;
        return builder.Build();
    }

    /// <summary>
    /// <paramref name="pdf"/> padded to <paramref name="size"/> bytes, ending with the counter: readers ignore bytes
    /// after %%EOF, and the Api answers identical bytes with the existing document (200), so every upload must differ.
    /// </summary>
    public static byte[] Padded(byte[] pdf, int size, long counter)
    {
        var tail = Encoding.ASCII.GetBytes($"\n% bench upload {counter}\n");
        var padded = new byte[Math.Max(size, pdf.Length + tail.Length)];
        pdf.CopyTo(padded, 0);
        padded.AsSpan(pdf.Length).Fill((byte)' ');
        tail.CopyTo(padded, padded.Length - tail.Length);
        return padded;
    }
}
