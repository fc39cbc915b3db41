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
/// keeps memory at the limit. The other filters' output is checked after decoding: ASCII hex and base-85 shrink,
/// run length expands at most 64:1 (50 MB of upload, 3.2 GB at worst). LZW can expand about 2700:1 and is not
/// measured beforehand: it is rare in documents written since PDF 1.2, and a gap left open here.
/// </summary>
internal sealed class BudgetedFilter(IFilter inner, DocumentBudget budget) : IFilter
{
    private const int ScratchLength = 64 * 1024;

    public bool IsSupported => inner.IsSupported;

    public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
    {
        budget.ThrowIfCancellationRequested();
        if (inner is FlateFilter && Inflated(input, budget.StreamAllowance, budget.CancellationToken) is null)
        {
            throw budget.StreamTooLarge();
        }

        var decoded = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        budget.Charge(decoded.Length);
        return decoded;
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
