using System.IO.Compression;
using System.Text;

namespace Aithena.Tests.Infrastructure;

/// <summary>
/// PDFs built to hurt a parser, written by hand (objects, cross-reference table, trailer): each starts with <c>%PDF-</c>,
/// so the Api accepts it and only the Indexer can tell what it is.
/// </summary>
public static class HostilePdf
{
    private const int MiB = 1 << 20;

    /// <summary>
    /// One page whose content stream is small on disk and inflates to <paramref name="inflatedMiB"/> MiB of spaces.
    /// Deflate after a sync flush is stateless for repeated input, so the compressed form of one mebibyte is written
    /// once and repeated: a 4 GiB bomb takes about 4 MB and milliseconds to make. The zlib checksum is left out
    /// (readers inflate raw deflate after the two-byte header and never reach it).
    /// </summary>
    public static byte[] DeflateBomb(int inflatedMiB)
    {
        var chunk = new byte[MiB];
        chunk.AsSpan().Fill((byte)' ');
        using var compressed = new MemoryStream();
        byte[] repeated;
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(chunk);
            zlib.Flush();
            var first = compressed.Length;
            zlib.Write(chunk);
            zlib.Flush();
            repeated = compressed.ToArray()[(int)first..];
            for (var i = 2; i < inflatedMiB; i++)
            {
                compressed.Write(repeated);
            }
        }

        // Disposing the ZLibStream wrote the final block (and a checksum of only two chunks, which no reader checks).
        var stream = compressed.ToArray();
        return Build(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            Stream($"<< /Length {stream.Length} /Filter /FlateDecode >>", stream));
    }

    /// <summary>
    /// One page whose LZW content stream (about 1:1300) decodes to at least <paramref name="inflatedMiB"/> MiB of spaces.
    /// LZW of one repeated byte is known without a dictionary: the first code is the byte itself and each next one is
    /// the entry the previous code just added, a run one longer; a Clear code starts over before codes pass 12 bits.
    /// Code widths follow the decoder's table size, with EarlyChange 1 (the default).
    /// </summary>
    public static byte[] LzwBomb(int inflatedMiB)
    {
        const int clear = 256, end = 257, firstEntry = 258, lastEntry = 4000;
        var bits = new BitWriter();
        var count = firstEntry;
        int Width() => count >= 2047 ? 12 : count >= 1023 ? 11 : count >= 511 ? 10 : 9;
        long produced = 0;
        while (produced < (long)inflatedMiB * MiB)
        {
            count = firstEntry;
            bits.Write(' ', Width());
            produced++;
            for (var code = firstEntry; code <= lastEntry; code++)
            {
                bits.Write(code, Width());
                produced += code - firstEntry + 2;
                count = code + 1;
            }

            bits.Write(clear, Width());
        }

        bits.Write(end, 9);
        var stream = bits.ToArray();
        return Build(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            Stream($"<< /Length {stream.Length} /Filter /LZWDecode >>", stream));
    }

    /// <summary>One page whose content stream is <paramref name="mebibytes"/> MiB of tiny drawing operators, not compressed.</summary>
    public static byte[] ManyOperators(int mebibytes)
    {
        var data = Operators(mebibytes);
        return Build(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            Stream("", data));
    }

    /// <summary>One page whose content stream is <paramref name="mebibytes"/> MiB of one-letter text-showing operators, not compressed.</summary>
    public static byte[] ManyTextOperators(int mebibytes) => Build(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        Stream("", TextOperators(mebibytes)),
        Helvetica);

    /// <summary>A readable page with <paramref name="text"/>, then a page of <see cref="ManyTextOperators"/>'s <paramref name="mebibytes"/> of text operators.</summary>
    public static byte[] ReadablePageThenManyTextOperators(string text, int mebibytes) => Build(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
        Text(text),
        Stream("", TextOperators(mebibytes)),
        Helvetica);

    /// <summary>A readable page with <paramref name="text"/>, then a page of <see cref="ManyOperators"/>'s <paramref name="mebibytes"/> of operators.</summary>
    public static byte[] ReadablePageThenManyOperators(string text, int mebibytes)
    {
        var data = Operators(mebibytes);
        return Build(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R >>",
            Text(text),
            Stream("", data),
            Helvetica);
    }

    /// <summary>One page whose dictionary and content stream each hold <paramref name="depth"/> arrays nested in each other.</summary>
    public static byte[] NestedArrays(int depth)
    {
        var nested = new string('[', depth) + new string(']', depth);
        return Build(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Deep {nested} >>",
            Stream("", Encoding.ASCII.GetBytes($"BT /F1 12 Tf 72 720 Td {nested} TJ ET")),
            Helvetica);
    }

    /// <summary>A page tree whose root lists itself among its kids, next to one real page.</summary>
    public static byte[] PageTreeCycle() => Build(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        Text("Cycle survivor"),
        Helvetica);

    /// <summary>One real page under a page tree that claims <paramref name="count"/> pages.</summary>
    public static byte[] ClaimsPages(int count) => Build(
        "<< /Type /Catalog /Pages 2 0 R >>",
        $"<< /Type /Pages /Kids [3 0 R] /Count {count} >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        Text("Claims many pages"),
        Helvetica);

    /// <summary>A form XObject that draws itself: a reader that follows it without a guard recurses until the stack ends.</summary>
    public static byte[] SelfDrawingForm() => Build(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /X0 5 0 R >> >> >>",
        Stream("<< /Length 6 >>", "/X0 Do"u8.ToArray()),
        Stream("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X0 5 0 R >> >> /Length 6 >>", "/X0 Do"u8.ToArray()));

    /// <summary>A PDF header followed by random bytes.</summary>
    public static byte[] Garbage(int length = 4096)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    /// <summary>Codes written most significant bit first, as LZW in PDF has them.</summary>
    private sealed class BitWriter
    {
        private readonly MemoryStream _bytes = new();
        private int _pending;
        private int _pendingBits;

        public void Write(int code, int width)
        {
            _pending = (_pending << width) | code;
            _pendingBits += width;
            while (_pendingBits >= 8)
            {
                _pendingBits -= 8;
                _bytes.WriteByte((byte)(_pending >> _pendingBits));
            }

            _pending &= (1 << _pendingBits) - 1;
        }

        public byte[] ToArray()
        {
            if (_pendingBits > 0)
            {
                _bytes.WriteByte((byte)(_pending << (8 - _pendingBits)));
                _pendingBits = 0;
            }

            return _bytes.ToArray();
        }
    }

    private const string Helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

    /// <summary>A content stream of one-letter text-showing operators: millions of glyphs on one page.</summary>
    private static byte[] TextOperators(int mebibytes)
    {
        var line = "(a) Tj\n"u8.ToArray();
        var head = "BT /F1 12 Tf 72 720 Td\n"u8.ToArray();
        var tail = "ET"u8.ToArray();
        var data = new byte[head.Length + (mebibytes * MiB / line.Length * line.Length) + tail.Length];
        head.CopyTo(data, 0);
        for (var i = head.Length; i < data.Length - tail.Length; i += line.Length)
        {
            line.CopyTo(data, i);
        }

        tail.CopyTo(data, data.Length - tail.Length);
        return data;
    }

    /// <summary>A content stream of tiny path operators: nothing to decode, much to parse.</summary>
    private static byte[] Operators(int mebibytes)
    {
        var line = "1 2 m\n"u8.ToArray();
        var data = new byte[mebibytes * MiB / line.Length * line.Length];
        for (var i = 0; i < data.Length; i += line.Length)
        {
            line.CopyTo(data, i);
        }

        return data;
    }

    private static byte[] Text(string text) => Stream("", Encoding.ASCII.GetBytes($"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"));

    private static byte[] Stream(string dictionary, byte[] data)
    {
        if (dictionary.Length == 0)
        {
            dictionary = $"<< /Length {data.Length} >>";
        }

        return [.. Encoding.ASCII.GetBytes(dictionary + "\nstream\n"), .. data, .. "\nendstream"u8];
    }

    /// <summary>Objects 1..n in order (strings or stream bytes), with a correct cross-reference table and object 1 as the root.</summary>
    private static byte[] Build(params object[] objects)
    {
        using var pdf = new MemoryStream();
        void Write(string s) => pdf.Write(Encoding.ASCII.GetBytes(s));
        Write("%PDF-1.7\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Position);
            Write($"{i + 1} 0 obj\n");
            if (objects[i] is byte[] bytes)
            {
                pdf.Write(bytes);
            }
            else
            {
                Write((string)objects[i]);
            }

            Write("\nendobj\n");
        }

        var xref = pdf.Position;
        Write($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}
