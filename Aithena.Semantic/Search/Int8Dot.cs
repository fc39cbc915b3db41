using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Aithena.Semantic.Search;

/// <summary>
/// The dot product of two int8 vectors, summed in 32 bits. <c>TensorPrimitives.Dot</c> sums in the element type, which
/// for bytes overflows at once; this widens instead. On AVX2 it multiplies 32 byte pairs and adds them in pairs in one
/// instruction (<c>vpmaddubsw</c>: no pair of values in [-127, 127] reaches its 16-bit limit), elsewhere it widens to
/// 16 bits with the portable vectors, and finishes any remainder one element at a time.
/// </summary>
internal static class Int8Dot
{
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("The vectors differ in length.", nameof(b));
        }

        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && a.Length >= Vector256<sbyte>.Count)
        {
            var ones = Vector256.Create((short)1);
            var total = Vector256<int>.Zero;
            for (; i <= a.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var va = Vector256.LoadUnsafe(ref ra, (nuint)i);
                var vb = Vector256.LoadUnsafe(ref rb, (nuint)i);
                // vpmaddubsw multiplies unsigned bytes by signed ones: |a| by b carrying a's sign.
                var pairs = Avx2.MultiplyAddAdjacent(Avx2.Abs(va), Avx2.Sign(vb, va));
                total = Avx2.Add(total, Avx2.MultiplyAddAdjacent(pairs, ones));
            }

            sum = Vector256.Sum(total);
        }
        else if (Vector128.IsHardwareAccelerated && a.Length >= Vector128<sbyte>.Count)
        {
            var total = Vector128<int>.Zero;
            for (; i <= a.Length - Vector128<sbyte>.Count; i += Vector128<sbyte>.Count)
            {
                var (aLow, aHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref ra, (nuint)i));
                var (bLow, bHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref rb, (nuint)i));
                var (p0, p1) = Vector128.Widen(aLow * bLow);
                var (p2, p3) = Vector128.Widen(aHigh * bHigh);
                total += p0 + p1 + p2 + p3;
            }

            sum = Vector128.Sum(total);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
