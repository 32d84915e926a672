using System;
using System.ComponentModel;
using ILGPU;

namespace KernelGen.Generated;

/// <summary>The shape of one exact-tier launch, passed to every kernel of <see cref="ExactKernels"/>.</summary>
/// <param name="Rows">Input rows.</param>
/// <param name="Columns">Output columns (OutFeatures, N).</param>
/// <param name="Length">Input row length (InFeatures, K).</param>
/// <param name="PlaneLength">Digits per plane row: K rounded up to 32 (zero-padded).</param>
/// <param name="HasBias">1 when the layer adds a bias, else 0.</param>
/// <param name="Activation">The <see cref="ActivationFunction"/> as a number, or −1 for none.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct ExactShape(int Rows, int Columns, int Length, int PlaneLength, int HasBias, int Activation);

/// <summary>
/// The ILGPU kernels of the exact tier (KG-Exact-1, docs/arithmetic.md), launched by the runtime's GPU Linear layer:
/// slice the input rows, sum the slice-pair products, round and finish. Public only because ILGPU's CPU accelerator
/// calls kernels from an assembly of its own; nothing outside KernelGen should call them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ExactKernels
{
    /// <summary>
    /// One group per input row: the scale from the largest magnitude bits (an integer maximum: any order), then each
    /// thread quantizes and slices elements k = 4·(thread + i·group size) … +3 into one int of four int8 digits per plane.
    /// </summary>
    public static void SliceRows(ArrayView<float> input, ArrayView<int> xPlanes, ArrayView<int> rowScales, ExactShape shape)
    {
        int row = Grid.IdxX;
        int thread = Group.IdxX;
        ArrayView<uint> max = SharedMemory.Allocate<uint>(1);
        if (thread == 0)
        {
            max[0] = 0;
        }

        Group.Barrier();
        long rowStart = (long)row * shape.Length;
        uint local = 0;
        for (int k = thread; k < shape.Length; k += Group.DimX)
        {
            local = Max(local, ExactArithmetic.MagnitudeBits(input[rowStart + k]));
        }

        Atomic.Max(ref max[0], local);
        Group.Barrier();
        int scale = ExactArithmetic.ScaleOf(max[0]);
        if (thread == 0)
        {
            rowScales[row] = scale;
        }

        bool sliced = scale != ExactArithmetic.ZeroScale && scale != ExactArithmetic.NonFiniteScale;
        int words = shape.PlaneLength / 4;
        long planeStride = (long)shape.Rows * words;
        for (int word = thread; word < words; word += Group.DimX)
        {
            int p0 = 0, p1 = 0, p2 = 0, p3 = 0;
            for (int b = 0; b < 4; b++)
            {
                int k = (word * 4) + b;
                int q = sliced && k < shape.Length ? ExactArithmetic.Quantize(input[rowStart + k], scale) : 0;
                int low = ExactArithmetic.LowDigit(q);
                int rest = ExactArithmetic.AboveDigit(q, low);
                p3 |= (low & 0xFF) << (8 * b);
                low = ExactArithmetic.LowDigit(rest);
                rest = ExactArithmetic.AboveDigit(rest, low);
                p2 |= (low & 0xFF) << (8 * b);
                low = ExactArithmetic.LowDigit(rest);
                rest = ExactArithmetic.AboveDigit(rest, low);
                p1 |= (low & 0xFF) << (8 * b);
                p0 |= (rest & 0xFF) << (8 * b);
            }

            long at = ((long)row * words) + ExactTensorCoreKernels.PlaneWord(word); // words c and 4 + c of a step side by side
            xPlanes[at] = p0;
            xPlanes[at + planeStride] = p1;
            xPlanes[at + (2 * planeStride)] = p2;
            xPlanes[at + (3 * planeStride)] = p3;
        }
    }

    /// <summary>
    /// One thread per output (index (j, r)): the ten kept slice-pair products of input row r and weight row j over the
    /// whole (padded) k, four k per loaded int, in int32 chunks of 2^15 elements widened to
    /// int64, combined into N'.
    /// </summary>
    public static void Products(Index2D index, ArrayView<int> xPlanes, ArrayView<int> wPlanes, ArrayView<long> sums, ExactShape shape)
    {
        int j = index.X;
        int row = index.Y;
        int words = shape.PlaneLength / 4;
        long xStride = (long)shape.Rows * words;
        long wStride = (long)shape.Columns * words;
        long x = (long)row * words;
        long w = (long)j * words;
        long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        const int ChunkWords = ExactArithmetic.Int32Chunk / 4;
        for (int chunk = 0; chunk < words; chunk += ChunkWords)
        {
            int end = Math.Min(words, chunk + ChunkWords);
            int c0 = 0, c1 = 0, c2 = 0, c3 = 0;
            for (int word = chunk; word < end; word++)
            {
                int xa = xPlanes[x + word], xb = xPlanes[x + xStride + word], xc = xPlanes[x + (2 * xStride) + word], xd = xPlanes[x + (3 * xStride) + word];
                int wa = wPlanes[w + word], wb = wPlanes[w + wStride + word], wc = wPlanes[w + (2 * wStride) + word], wd = wPlanes[w + (3 * wStride) + word];
                for (int b = 0; b < 4; b++)
                {
                    int shift = 24 - (8 * b);
                    int a0 = (xa << shift) >> 24, a1 = (xb << shift) >> 24, a2 = (xc << shift) >> 24, a3 = (xd << shift) >> 24;
                    int b0 = (wa << shift) >> 24, b1 = (wb << shift) >> 24, b2 = (wc << shift) >> 24, b3 = (wd << shift) >> 24;
                    c0 += a0 * b0;
                    c1 += (a0 * b1) + (a1 * b0);
                    c2 += (a0 * b2) + (a1 * b1) + (a2 * b0);
                    c3 += (a0 * b3) + (a1 * b2) + (a2 * b1) + (a3 * b0);
                }
            }

            s0 += c0;
            s1 += c1;
            s2 += c2;
            s3 += c3;
        }

        sums[((long)row * shape.Columns) + j] = ExactArithmetic.Combine(s0, s1, s2, s3);
    }

    /// <summary>
    /// Grid-stride over the outputs of a split product pass: <c>sums[i] += Σ sums[s·count + i]</c> for s = 1 … splits − 1,
    /// in that order (int64 additions of the tensor-core kernel's slabs: exact, so the order is only for clarity).
    /// </summary>
    public static void SumSplits(ArrayView<long> sums, long count, int splits)
    {
        for (long i = Grid.GlobalIndex.X; i < count; i += (long)Grid.DimX * Group.DimX)
        {
            long total = sums[i];
            for (int split = 1; split < splits; split++)
            {
                total += sums[(split * count) + i];
            }

            sums[i] = total;
        }
    }

    /// <summary>
    /// Grid-stride over the outputs: <c>y = RNE_float32(N'·2^(E(x) + E(w) − 36))</c>, plus the bias (one IEEE addition
    /// through <typeparamref name="TMath"/>), a NaN canonicalized, then the declared activation.
    /// </summary>
    public static void Combine<TMath>(
        ArrayView<long> sums, ArrayView<int> rowScales, ArrayView<int> columnScales, ArrayView<float> bias, ArrayView<float> output, ExactShape shape)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        long count = (long)shape.Rows * shape.Columns;
        for (long i = Grid.GlobalIndex.X; i < count; i += (long)Grid.DimX * Group.DimX)
        {
            int row = (int)(i / shape.Columns);
            int j = (int)(i - ((long)row * shape.Columns));
            float y = ExactArithmetic.Output(sums[i], rowScales[row], columnScales[j]);
            if (shape.HasBias != 0)
            {
                y = math.Add(y, bias[j]);
            }

            y = DetMath.CanonicalizeNaN(y);
            if (shape.Activation >= 0)
            {
                y = ActivationKernels.Apply<TMath>((ActivationFunction)shape.Activation, y);
            }

            output[i] = y;
        }
    }

    private static uint Max(uint a, uint b) => a > b ? a : b;
}
