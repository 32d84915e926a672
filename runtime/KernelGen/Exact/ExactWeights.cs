using System;

namespace KernelGen;

/// <summary>
/// A layer's weight quantized and sliced once for <c>KG-Exact-1</c>: the scale of every weight row and its four
/// digit planes (<see cref="ExactSlices"/>), row j at <c>j·4·PlaneLength</c>.
/// </summary>
internal sealed class ExactWeights
{
    private ExactWeights(int rows, int length, short[] planes, int[] scales)
    {
        Rows = rows;
        Length = length;
        PlaneLength = ExactSlices.PaddedLength(length);
        Planes = planes;
        Scales = scales;
    }

    /// <summary>Weight rows (OutFeatures).</summary>
    public int Rows { get; }

    /// <summary>Elements per row (InFeatures).</summary>
    public int Length { get; }

    /// <summary>Digits per plane: <see cref="Length"/> rounded up to <see cref="ExactSlices.LengthAlignment"/>.</summary>
    public int PlaneLength { get; }

    /// <summary>The planes, <c>[Rows, 4, PlaneLength]</c>.</summary>
    public short[] Planes { get; }

    /// <summary>The scale exponent of each row (<see cref="ExactArithmetic.ZeroScale"/> for a zero row).</summary>
    public int[] Scales { get; }

    /// <summary>The planes of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<short> RowPlanes(int row) => Planes.AsSpan(row * ExactArithmetic.Slices * PlaneLength, ExactArithmetic.Slices * PlaneLength);

    /// <summary>The index of the first NaN or ±∞ in <paramref name="weight"/>, or −1.</summary>
    public static int FirstNonFinite(ReadOnlySpan<float> weight)
    {
        for (int i = 0; i < weight.Length; i++)
        {
            if (!float.IsFinite(weight[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Slices a finite <c>[rows, length]</c> weight.</summary>
    public static ExactWeights Create(ReadOnlySpan<float> weight, int rows, int length)
    {
        int planeLength = ExactSlices.PaddedLength(length);
        int rowPlanes = ExactArithmetic.Slices * planeLength;
        var planes = new short[checked(rows * rowPlanes)];
        var scales = new int[rows];
        for (int j = 0; j < rows; j++)
        {
            scales[j] = ExactSlices.Slice(weight.Slice(j * length, length), planes.AsSpan(j * rowPlanes, rowPlanes), planeLength);
        }

        return new ExactWeights(rows, length, planes, scales);
    }
}
