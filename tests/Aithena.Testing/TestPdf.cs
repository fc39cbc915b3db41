using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Aithena.Testing;

/// <summary>PDFs made by code: text per page with PdfPig's builder, and hand-written ones PdfPig cannot write.</summary>
public static class TestPdf
{
    public const int LinesPerGeneratedPage = 12;

    public static byte[] WithPages(params string[] pages) => Create(pages);

    public static byte[] Create(IReadOnlyList<string> pages, string? title = null, string? author = null)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
        {
            // Every glyph on the page, as a real PDF has them: long lines wrapped at spaces, and a page as tall as its
            // lines need (A4 at least). MuPDF, like a reader, keeps only what is inside the page.
            var lines = text.Split('\n').SelectMany(Wrap).ToList();
            var height = Math.Max(842, 80 + (lines.Count * 14)); // A4 is 595 x 842 points
            var page = builder.AddPage(595, height);
            var y = height - 62.0;
            foreach (var line in lines)
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

    /// <summary>The line in pieces of at most 80 characters (about 450 points of 11-point Helvetica), cut at spaces.</summary>
    private static IEnumerable<string> Wrap(string line)
    {
        const int Width = 80;
        while (line.Length > Width && line.LastIndexOf(' ', Width) is var cut and > 0)
        {
            yield return line[..cut];
            line = line[(cut + 1)..];
        }

        yield return line;
    }

    /// <summary>
    /// A PDF protected by the standard security handler with a user password that is not empty, written by hand:
    /// readers (PdfPig included) cannot open it without the password.
    /// </summary>
    public static byte[] Encrypted()
    {
        // The /O and /U entries are 32 bytes each; /U made of random bytes matches no password, the empty one included.
        var o = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var u = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var id = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            $"<< /Filter /Standard /V 1 /R 2 /O <{o}> /U <{u}> /P -44 >>",
        ];
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A valid PDF cut short: it has the %PDF- header, so only the Indexer can tell it is broken.</summary>
    public static byte[] Truncated() => WithPages("This document was cut in half.")[..300];

    /// <summary>
    /// A document whose every page holds a dozen lines of text naming the document, so no two are alike (the
    /// benchmarks' load).
    /// </summary>
    public static byte[] Generated(int pages, string name, string? extraWord = null) =>
        Create(Enumerable.Range(1, pages).Select(p => string.Join('\n', Enumerable.Range(1, LinesPerGeneratedPage).Select(line =>
            (line == 1 && p == 1 && extraWord is not null ? extraWord + " " : "")
            + $"{name} page {p} line {line}: messaging done right across many processes, durable queues and confirms."))).ToList(), title: name);

    /// <summary>
    /// <paramref name="pdf"/> padded to <paramref name="size"/> bytes, ending with the counter: readers ignore bytes
    /// after %%EOF, and the Api answers identical bytes with the existing document (200), so every upload must differ.
    /// </summary>
    public static byte[] Padded(byte[] pdf, int size, long counter)
    {
        var tail = System.Text.Encoding.ASCII.GetBytes($"\n% padding {counter}\n");
        var padded = new byte[Math.Max(size, pdf.Length + tail.Length)];
        pdf.CopyTo(padded, 0);
        padded.AsSpan(pdf.Length).Fill((byte)' ');
        tail.CopyTo(padded, padded.Length - tail.Length);
        return padded;
    }

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
