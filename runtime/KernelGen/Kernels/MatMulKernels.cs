using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KernelGen;

/// <summary>
/// The CPU kernels of <see cref="MatMulLayer"/>: register tiles over B's rows, which are already laid out
/// [k][column] — 6 rows × 4 vectors on AVX-512, 4 rows × 2 vectors on the 16-register paths — then 1-row
/// tiles, 1-vector tiles and scalar chains for what is left. Every accumulator is one output's chain,
/// <c>acc = fma(A[i, k], B[k, j], acc)</c> for k = 0..K-1, so every path and tile gives the scalar
/// chain's bits; tiles only choose which outputs run together.
/// </summary>
internal static class MatMulKernels
{
    /// <summary>Rows of A in the 16-register tile: 4 rows × 2 vectors = 8 accumulators, 2 B vectors and 1 broadcast.</summary>
    public const int TileRows = 4;

    /// <summary>Rows of A in the AVX-512 tile: 6 rows × 4 vectors = 24 accumulators, 4 B vectors and 1 broadcast of its 32 registers.</summary>
    public const int WideTileRows = 6;

    /// <summary>
    /// Computes rows [<paramref name="firstRow"/>, <paramref name="endRow"/>) of the stacked product on
    /// <paramref name="path"/>: row i of A (<c>[rows, k]</c>) times matrix <c>i / m</c> of B (<c>[batch, k, n]</c>).
    /// </summary>
    public static void Rows(SimdPath path, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, int firstRow, int endRow)
    {
        switch (path)
        {
            case SimdPath.Vector512:
                Rows<Vector512Ops, Vector512<float>>(a, b, c, m, k, n, firstRow, endRow);
                break;
            case SimdPath.Vector256:
                Rows<Vector256Ops, Vector256<float>>(a, b, c, m, k, n, firstRow, endRow);
                break;
            case SimdPath.Vector128:
                Rows<Vector128Ops, Vector128<float>>(a, b, c, m, k, n, firstRow, endRow);
                break;
            case SimdPath.Scalar:
                ScalarColumns(a, b, c, m, k, n, firstRow, endRow, firstColumn: 0);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(path), path, "A concrete SIMD path is required.");
        }
    }

    private static void Rows<TOps, TVector>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, int firstRow, int endRow)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int lanes = TOps.Lanes;
        int quadColumns = TOps.HasThirtyTwoRegisters ? n / (4 * lanes) * 4 * lanes : 0;
        int pairColumns = quadColumns + ((n - quadColumns) / (2 * lanes) * 2 * lanes);
        int vectorColumns = n / lanes * lanes;
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        ref float c0 = ref MemoryMarshal.GetReference(c);

        int row = firstRow;
        while (row < endRow)
        {
            // A segment's rows share one matrix of B: it ends with this product's m rows. Column strips are
            // outer, so a strip of B (4 or 2 vectors × k) stays in L2 while every row tile of the segment reads it.
            int segmentEnd = Math.Min(endRow, ((row / m) + 1) * m);
            ref float bMatrix = ref Unsafe.Add(ref b0, (nint)(row / m) * k * n);
            for (int column = 0; column < quadColumns; column += 4 * lanes)
            {
                ref float bStrip = ref Unsafe.Add(ref bMatrix, column);
                int tileRow = row;
                for (; tileRow + WideTileRows <= segmentEnd; tileRow += WideTileRows)
                {
                    Tile6x4<TOps, TVector>(ref Unsafe.Add(ref a0, (nint)tileRow * k), ref bStrip, ref Unsafe.Add(ref c0, ((nint)tileRow * n) + column), k, n);
                }

                for (; tileRow < segmentEnd; tileRow++)
                {
                    Tile1x2<TOps, TVector>(ref Unsafe.Add(ref a0, (nint)tileRow * k), ref bStrip, ref Unsafe.Add(ref c0, ((nint)tileRow * n) + column), k, n);
                    Tile1x2<TOps, TVector>(ref Unsafe.Add(ref a0, (nint)tileRow * k), ref Unsafe.Add(ref bStrip, 2 * lanes), ref Unsafe.Add(ref c0, ((nint)tileRow * n) + column + (2 * lanes)), k, n);
                }
            }

            for (int column = quadColumns; column < pairColumns; column += 2 * lanes)
            {
                ref float bStrip = ref Unsafe.Add(ref bMatrix, column);
                int tileRow = row;
                for (; tileRow + TileRows <= segmentEnd; tileRow += TileRows)
                {
                    Tile4x2<TOps, TVector>(ref Unsafe.Add(ref a0, (nint)tileRow * k), ref bStrip, ref Unsafe.Add(ref c0, ((nint)tileRow * n) + column), k, n);
                }

                for (; tileRow < segmentEnd; tileRow++)
                {
                    Tile1x2<TOps, TVector>(ref Unsafe.Add(ref a0, (nint)tileRow * k), ref bStrip, ref Unsafe.Add(ref c0, ((nint)tileRow * n) + column), k, n);
                }
            }

            for (int column = pairColumns; column < vectorColumns; column += lanes)
            {
                for (int tileRow = row; tileRow < segmentEnd; tileRow++)
                {
                    Tile1x1<TOps, TVector>(ref Unsafe.Add(ref a0, (nint)tileRow * k), ref Unsafe.Add(ref bMatrix, column), ref Unsafe.Add(ref c0, ((nint)tileRow * n) + column), k, n);
                }
            }

            ScalarColumns(a, b, c, m, k, n, row, segmentEnd, vectorColumns);
            row = segmentEnd;
        }
    }

    // 6 rows × 4 vectors: 24 chains; per k four B vectors and six broadcasts (32 registers only).
    private static void Tile6x4<TOps, TVector>(ref float a, ref float b, ref float c, int k, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        int lanes = TOps.Lanes;
        TVector acc00 = TOps.Zero, acc01 = TOps.Zero, acc02 = TOps.Zero, acc03 = TOps.Zero;
        TVector acc10 = TOps.Zero, acc11 = TOps.Zero, acc12 = TOps.Zero, acc13 = TOps.Zero;
        TVector acc20 = TOps.Zero, acc21 = TOps.Zero, acc22 = TOps.Zero, acc23 = TOps.Zero;
        TVector acc30 = TOps.Zero, acc31 = TOps.Zero, acc32 = TOps.Zero, acc33 = TOps.Zero;
        TVector acc40 = TOps.Zero, acc41 = TOps.Zero, acc42 = TOps.Zero, acc43 = TOps.Zero;
        TVector acc50 = TOps.Zero, acc51 = TOps.Zero, acc52 = TOps.Zero, acc53 = TOps.Zero;
        ref float bk = ref b;
        for (int i = 0; i < k; i++)
        {
            TVector w0 = TOps.Load(ref bk);
            TVector w1 = TOps.Load(ref Unsafe.Add(ref bk, lanes));
            TVector w2 = TOps.Load(ref Unsafe.Add(ref bk, 2 * lanes));
            TVector w3 = TOps.Load(ref Unsafe.Add(ref bk, 3 * lanes));
            TVector x = TOps.Broadcast(Unsafe.Add(ref a, i));
            acc00 = TOps.Fma(x, w0, acc00);
            acc01 = TOps.Fma(x, w1, acc01);
            acc02 = TOps.Fma(x, w2, acc02);
            acc03 = TOps.Fma(x, w3, acc03);
            x = TOps.Broadcast(Unsafe.Add(ref a, k + i));
            acc10 = TOps.Fma(x, w0, acc10);
            acc11 = TOps.Fma(x, w1, acc11);
            acc12 = TOps.Fma(x, w2, acc12);
            acc13 = TOps.Fma(x, w3, acc13);
            x = TOps.Broadcast(Unsafe.Add(ref a, (2 * k) + i));
            acc20 = TOps.Fma(x, w0, acc20);
            acc21 = TOps.Fma(x, w1, acc21);
            acc22 = TOps.Fma(x, w2, acc22);
            acc23 = TOps.Fma(x, w3, acc23);
            x = TOps.Broadcast(Unsafe.Add(ref a, (3 * k) + i));
            acc30 = TOps.Fma(x, w0, acc30);
            acc31 = TOps.Fma(x, w1, acc31);
            acc32 = TOps.Fma(x, w2, acc32);
            acc33 = TOps.Fma(x, w3, acc33);
            x = TOps.Broadcast(Unsafe.Add(ref a, (4 * k) + i));
            acc40 = TOps.Fma(x, w0, acc40);
            acc41 = TOps.Fma(x, w1, acc41);
            acc42 = TOps.Fma(x, w2, acc42);
            acc43 = TOps.Fma(x, w3, acc43);
            x = TOps.Broadcast(Unsafe.Add(ref a, (5 * k) + i));
            acc50 = TOps.Fma(x, w0, acc50);
            acc51 = TOps.Fma(x, w1, acc51);
            acc52 = TOps.Fma(x, w2, acc52);
            acc53 = TOps.Fma(x, w3, acc53);
            bk = ref Unsafe.Add(ref bk, n);
        }

        StoreRow4<TOps, TVector>(ref c, acc00, acc01, acc02, acc03);
        StoreRow4<TOps, TVector>(ref Unsafe.Add(ref c, n), acc10, acc11, acc12, acc13);
        StoreRow4<TOps, TVector>(ref Unsafe.Add(ref c, 2 * n), acc20, acc21, acc22, acc23);
        StoreRow4<TOps, TVector>(ref Unsafe.Add(ref c, 3 * n), acc30, acc31, acc32, acc33);
        StoreRow4<TOps, TVector>(ref Unsafe.Add(ref c, 4 * n), acc40, acc41, acc42, acc43);
        StoreRow4<TOps, TVector>(ref Unsafe.Add(ref c, 5 * n), acc50, acc51, acc52, acc53);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow4<TOps, TVector>(ref float row, TVector v0, TVector v1, TVector v2, TVector v3)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TOps.StoreCanonical(v0, ref row);
        TOps.StoreCanonical(v1, ref Unsafe.Add(ref row, TOps.Lanes));
        TOps.StoreCanonical(v2, ref Unsafe.Add(ref row, 2 * TOps.Lanes));
        TOps.StoreCanonical(v3, ref Unsafe.Add(ref row, 3 * TOps.Lanes));
    }

    // 4 rows × 2 vectors: 8 chains; per k two B vectors and four broadcasts.
    private static void Tile4x2<TOps, TVector>(ref float a, ref float b, ref float c, int k, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TVector acc00 = TOps.Zero, acc01 = TOps.Zero, acc10 = TOps.Zero, acc11 = TOps.Zero;
        TVector acc20 = TOps.Zero, acc21 = TOps.Zero, acc30 = TOps.Zero, acc31 = TOps.Zero;
        ref float bk = ref b;
        for (int i = 0; i < k; i++)
        {
            TVector w0 = TOps.Load(ref bk);
            TVector w1 = TOps.Load(ref Unsafe.Add(ref bk, TOps.Lanes));
            TVector x = TOps.Broadcast(Unsafe.Add(ref a, i));
            acc00 = TOps.Fma(x, w0, acc00);
            acc01 = TOps.Fma(x, w1, acc01);
            x = TOps.Broadcast(Unsafe.Add(ref a, k + i));
            acc10 = TOps.Fma(x, w0, acc10);
            acc11 = TOps.Fma(x, w1, acc11);
            x = TOps.Broadcast(Unsafe.Add(ref a, (2 * k) + i));
            acc20 = TOps.Fma(x, w0, acc20);
            acc21 = TOps.Fma(x, w1, acc21);
            x = TOps.Broadcast(Unsafe.Add(ref a, (3 * k) + i));
            acc30 = TOps.Fma(x, w0, acc30);
            acc31 = TOps.Fma(x, w1, acc31);
            bk = ref Unsafe.Add(ref bk, n);
        }

        TOps.StoreCanonical(acc00, ref c);
        TOps.StoreCanonical(acc01, ref Unsafe.Add(ref c, TOps.Lanes));
        TOps.StoreCanonical(acc10, ref Unsafe.Add(ref c, n));
        TOps.StoreCanonical(acc11, ref Unsafe.Add(ref c, n + TOps.Lanes));
        TOps.StoreCanonical(acc20, ref Unsafe.Add(ref c, 2 * n));
        TOps.StoreCanonical(acc21, ref Unsafe.Add(ref c, (2 * n) + TOps.Lanes));
        TOps.StoreCanonical(acc30, ref Unsafe.Add(ref c, 3 * n));
        TOps.StoreCanonical(acc31, ref Unsafe.Add(ref c, (3 * n) + TOps.Lanes));
    }

    // 1 row × 2 vectors, for the rows after the last 4-row tile of a product.
    private static void Tile1x2<TOps, TVector>(ref float a, ref float b, ref float c, int k, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TVector acc0 = TOps.Zero, acc1 = TOps.Zero;
        ref float bk = ref b;
        for (int i = 0; i < k; i++)
        {
            TVector x = TOps.Broadcast(Unsafe.Add(ref a, i));
            acc0 = TOps.Fma(x, TOps.Load(ref bk), acc0);
            acc1 = TOps.Fma(x, TOps.Load(ref Unsafe.Add(ref bk, TOps.Lanes)), acc1);
            bk = ref Unsafe.Add(ref bk, n);
        }

        TOps.StoreCanonical(acc0, ref c);
        TOps.StoreCanonical(acc1, ref Unsafe.Add(ref c, TOps.Lanes));
    }

    // 1 row × 1 vector, for a last group of columns narrower than two vectors.
    private static void Tile1x1<TOps, TVector>(ref float a, ref float b, ref float c, int k, int n)
        where TOps : struct, IVectorOps<TVector>
        where TVector : struct
    {
        TVector acc = TOps.Zero;
        ref float bk = ref b;
        for (int i = 0; i < k; i++)
        {
            acc = TOps.Fma(TOps.Broadcast(Unsafe.Add(ref a, i)), TOps.Load(ref bk), acc);
            bk = ref Unsafe.Add(ref bk, n);
        }

        TOps.StoreCanonical(acc, ref c);
    }

    /// <summary>Columns [<paramref name="firstColumn"/>, n) of rows [<paramref name="firstRow"/>, <paramref name="endRow"/>), one scalar chain each.</summary>
    private static void ScalarColumns(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, int firstRow, int endRow, int firstColumn)
    {
        for (int row = firstRow; row < endRow; row++)
        {
            ReadOnlySpan<float> aRow = a.Slice(row * k, k);
            ReadOnlySpan<float> bMatrix = b.Slice(row / m * k * n, k * n);
            Span<float> cRow = c.Slice(row * n, n);
            for (int j = firstColumn; j < n; j++)
            {
                float acc = 0f;
                for (int i = 0; i < k; i++)
                {
                    acc = DetMath.Fma(aRow[i], bMatrix[(i * n) + j], acc);
                }

                cRow[j] = DetMath.CanonicalizeNaN(acc);
            }
        }
    }

    /// <summary>The vector operations a tile needs, for one vector width; the JIT specializes each tile per width.</summary>
    private interface IVectorOps<TVector>
        where TVector : struct
    {
        static abstract int Lanes { get; }

        /// <summary>Whether the instruction set has 32 vector registers (AVX-512), room for the 6 × 4 tile.</summary>
        static abstract bool HasThirtyTwoRegisters { get; }

        static abstract TVector Zero { get; }

        static abstract TVector Load(ref float source);

        static abstract TVector Broadcast(float value);

        /// <summary>a·b + c rounded once (a hardware FMA: <see cref="SimdPaths.IsSupported"/> admits no vector path without one).</summary>
        static abstract TVector Fma(TVector a, TVector b, TVector c);

        /// <summary>Stores <paramref name="value"/> with NaNs canonicalized (docs/arithmetic.md).</summary>
        static abstract void StoreCanonical(TVector value, ref float destination);
    }

    private readonly struct Vector512Ops : IVectorOps<Vector512<float>>
    {
        public static int Lanes => Vector512<float>.Count;

        public static bool HasThirtyTwoRegisters => true;

        public static Vector512<float> Zero => Vector512<float>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(ref float source) => Vector512.LoadUnsafe(ref source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreCanonical(Vector512<float> value, ref float destination) => Vector512.StoreUnsafe(DetMath.CanonicalizeNaN(value), ref destination);
    }

    private readonly struct Vector256Ops : IVectorOps<Vector256<float>>
    {
        public static int Lanes => Vector256<float>.Count;

        public static bool HasThirtyTwoRegisters => false;

        public static Vector256<float> Zero => Vector256<float>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Load(ref float source) => Vector256.LoadUnsafe(ref source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreCanonical(Vector256<float> value, ref float destination) => Vector256.StoreUnsafe(DetMath.CanonicalizeNaN(value), ref destination);
    }

    private readonly struct Vector128Ops : IVectorOps<Vector128<float>>
    {
        public static int Lanes => Vector128<float>.Count;

        public static bool HasThirtyTwoRegisters => false;

        public static Vector128<float> Zero => Vector128<float>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Load(ref float source) => Vector128.LoadUnsafe(ref source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Fma(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreCanonical(Vector128<float> value, ref float destination) => Vector128.StoreUnsafe(DetMath.CanonicalizeNaN(value), ref destination);
    }
}
