using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Aithena.Semantic.Passages;

/// <summary>
/// Vectors as the catalog stores them: one signed byte per dimension and one float scale (384 + 4 bytes for a
/// 384-dimension vector instead of 1,536). For unit vectors the rounding moves a cosine similarity by about 0.001.
/// </summary>
public static class VectorCodec
{
    public static (byte[] Bytes, float Scale) Quantize(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length];
        var scale = Quantize(vector, MemoryMarshal.Cast<byte, sbyte>(bytes.AsSpan()));
        return (bytes, scale);
    }

    /// <summary>Into signed bytes in [-127, 127] (never -128, so a product of two stays symmetric); returns the scale.</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> into)
    {
        // MaxMagnitude returns the element itself, which may be negative.
        var max = vector.Length == 0 ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(vector));
        var scale = max > 0 ? max / 127f : 1f;
        for (var i = 0; i < vector.Length; i++)
        {
            into[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127);
        }

        return scale;
    }

    /// <summary>Back to floats, normalised to unit length again so a dot product stays a cosine.</summary>
    /// <summary>The stored vector in a row: its bytes at <paramref name="bytesOrdinal"/>, its scale at <paramref name="scaleOrdinal"/>.</summary>
    public static float[] Read(System.Data.Common.DbDataReader reader, int bytesOrdinal, int scaleOrdinal)
    {
        var bytes = reader.GetFieldValue<byte[]>(bytesOrdinal);
        var vector = new float[bytes.Length];
        Dequantize(bytes, reader.GetFloat(scaleOrdinal), vector);
        return vector;
    }

    public static void Dequantize(ReadOnlySpan<byte> bytes, float scale, Span<float> into)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            into[i] = unchecked((sbyte)bytes[i]) * scale;
        }

        Normalize(into[..bytes.Length]);
    }

    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
