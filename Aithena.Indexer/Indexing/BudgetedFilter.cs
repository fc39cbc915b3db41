using System.IO.Compression;
using System.Runtime.InteropServices;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// One of PdfPig's decoding filters, held to a document's <see cref="DocumentBudget"/>. PdfPig 0.1.16's FlateFilter
/// inflates into a MemoryStream with no bound (a 4 MB file inflating to 4 GB took the Indexer to 5 GB), so a Flate
/// stream is first inflated into a small scratch buffer that is thrown away, only to count its size, and handed to
/// PdfPig only when it fits. That costs a second pass of inflating, which is cheap next to parsing the result, and
/// keeps memory at the limit. LZW (up to 2700:1, and PdfPig 0.1.16 keeps a copy of every table entry) is measured
/// the same way, from its codes' lengths alone, following PdfPig's decoder step by step so the two cannot disagree
/// about the size. The other filters' output is checked after decoding: ASCII hex and base-85 shrink, run length
/// expands at most 64:1.
/// </summary>
internal sealed class BudgetedFilter(IFilter inner, DocumentBudget budget) : IFilter
{
    private const int ScratchLength = 64 * 1024;

    public bool IsSupported => inner.IsSupported;

    public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
    {
        budget.ThrowIfCancellationRequested();
        var measured = inner switch
        {
            FlateFilter => Inflated(input, budget.StreamAllowance, budget.CancellationToken),
            LzwFilter => LzwDecoded(input.Span, EarlyChange(streamDictionary, filterIndex), budget.StreamAllowance),
            _ => 0,
        };
        if (measured is null)
        {
            throw budget.StreamTooLarge();
        }

        var decoded = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        budget.Charge(decoded.Length);
        return decoded;
    }

    private static bool EarlyChange(DictionaryToken streamDictionary, int filterIndex) =>
        !DecodeParameterResolver.GetFilterParameters(streamDictionary, filterIndex).TryGet(NameToken.EarlyChange, out NumericToken early)
        || early.Int == 1;

    /// <summary>
    /// How many bytes PdfPig 0.1.16's LzwFilter would decode, or null when more than <paramref name="limit"/>: its
    /// decoder replayed on lengths instead of byte strings. Its table starts at 258 entries (256 bytes, Clear, End), a
    /// code not yet in the table repeats the previous entry plus one byte, the table is never capped (entries past
    /// 4095 are only counted: 12-bit codes cannot reach them) and the code width follows the table's size.
    /// </summary>
    internal static long? LzwDecoded(ReadOnlySpan<byte> input, bool earlyChange, long limit)
    {
        const int clear = 256, end = 257, firstEntry = 258, addressable = 4096;
        Span<int> lengths = stackalloc int[addressable];
        lengths[..256].Fill(1);
        var count = firstEntry;
        var offset = earlyChange ? 0 : 1;
        var width = 9;
        var previous = -1;
        long total = 0;
        var bit = 0L;
        var bitLength = (long)input.Length * 8;
        while (bit + width <= bitLength)
        {
            var code = 0;
            for (var i = 0; i < width; i++, bit++)
            {
                code = (code << 1) | ((input[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
            }

            if (code == end)
            {
                break;
            }

            if (code == clear)
            {
                count = firstEntry;
                previous = -1;
                width = 9;
                continue;
            }

            int added;
            if (code < count)
            {
                total += lengths[code];
                added = previous >= 0 ? lengths[previous] + 1 : 0;
            }
            else if (previous >= 0)
            {
                added = lengths[previous] + 1;
                total += added;
            }
            else
            {
                return total; // PdfPig fails here: damaged data, nothing more is decoded.
            }

            if (added > 0)
            {
                if (count < addressable)
                {
                    lengths[count] = added;
                }

                count++;
            }

            if (total > limit)
            {
                return null;
            }

            previous = code;
            width = count >= 2047 + offset ? 12 : count >= 1023 + offset ? 11 : count >= 511 + offset ? 10 : 9;
        }

        return total;
    }

    /// <summary>How many bytes a zlib stream inflates to, or null when it is more than <paramref name="limit"/>.</summary>
    private static long? Inflated(Memory<byte> input, long limit, CancellationToken cancellationToken)
    {
        if (input.Length < 2)
        {
            return 0;
        }

        // As PdfPig does: skip the two-byte zlib header, inflate raw deflate, never look at the checksum.
        using var compressed = MemoryMarshal.TryGetArray<byte>(input[2..], out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(input[2..].ToArray(), writable: false);
        using var deflate = new DeflateStream(compressed, CompressionMode.Decompress);
        var scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(ScratchLength);
        try
        {
            long total = 0;
            while (true)
            {
                int read;
                try
                {
                    read = deflate.Read(scratch, 0, ScratchLength);
                }
                catch (InvalidDataException)
                {
                    // Damaged from here on: PdfPig decides what to make of it; its output is no longer than this.
                    return total;
                }

                if (read == 0)
                {
                    return total;
                }

                total += read;
                if (total > limit)
                {
                    return null;
                }

                // Every 16 MiB or so: inflating a large stream is where a page spends its time.
                if ((total & ((16 << 20) - 1)) < read)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
