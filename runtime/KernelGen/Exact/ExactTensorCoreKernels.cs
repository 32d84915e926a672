using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using ILGPU;

namespace KernelGen.Generated;

/// <summary>
/// The products pass of the exact tier on integer tensor cores: the same <c>N'</c> as
/// <see cref="ExactKernels.Products"/>, computed with <c>mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32</c>
/// (docs/gpu-kernels.md, "The exact tier on tensor cores"). Public only because ILGPU's CPU accelerator calls kernels
/// from an assembly of its own; nothing outside KernelGen should call it.
/// </summary>
/// <remarks>
/// The planes are already in the instruction's fragment order: an int of a plane holds four int8 digits of four
/// consecutive k, the lowest k in the low byte, and a row (input row or weight row) is k-contiguous, so A (input
/// rows, <c>.row</c>) and B (weight rows as columns, <c>.col</c>) load straight from them. With lane <c>l</c>,
/// <c>g = l / 4</c>, <c>c = l % 4</c> and the words of one 32-k step:
/// <code>
/// A 16×32: a0 = row g,   word c    a1 = row g+8, word c    a2 = row g, word 4+c    a3 = row g+8, word 4+c
/// B 32×8:  b0 = col g,   word c    b1 = col g,   word 4+c
/// D 16×8:  d0, d1 = row g, cols 2c, 2c+1      d2, d3 = row g+8, cols 2c, 2c+1
/// </code>
/// Words c and 4 + c of a step are stored side by side (<see cref="PlaneWord"/>), so a lane's two registers of one
/// row are one 64-bit load.
/// A group is 8 warps; a warp computes 32 rows × 16 columns (2 × 2 tiles of 16 × 8), the group 64 rows × 64 columns
/// (2 warps down, 4 across: a warp's A fragments are also read by the 3 others of its row, its B fragments by the other
/// warp of its column, through L1).
/// Per 32-k step a warp loads its A fragments of the four input planes and its B fragments of the four weight planes
/// once and issues the ten kept pairs (t + u ≤ 3) into four int32 accumulator sets per tile, one set per s = t + u.
/// Every <see cref="ExactArithmetic.Int32Chunk"/> k (1024 steps) each output's four sums are combined,
/// <c>S_0·2^24 + S_1·2^16 + S_2·2^8 + S_3</c> in int64, and added to <c>sums</c> (written at the first chunk, added
/// at the others): integer sums, so the value is the scalar kernel's whatever the order.
/// Rows and columns past the edges load zeros and store nothing; every lane runs every step and every
/// <c>mma.sync</c> (the instruction needs the whole warp), so the control flow is uniform across the group.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ExactTensorCoreKernels
{
    /// <summary>Threads per group: 8 warps, 2 down × 4 across.</summary>
    internal const int GroupSize = 256;

    /// <summary>Input rows per warp: 2 tiles of 16.</summary>
    internal const int WarpRows = 32;

    /// <summary>Output columns per warp: 2 tiles of 8.</summary>
    internal const int WarpColumns = 16;

    /// <summary>Input rows per group: 2 warps down.</summary>
    internal const int GroupRows = 2 * WarpRows;

    /// <summary>Output columns per group: 4 warps across.</summary>
    internal const int GroupColumns = 4 * WarpColumns;

    /// <summary>32-k steps summed in int32 before the sums are combined into int64: 2^15 k.</summary>
    internal const int ChunkSteps = ExactArithmetic.Int32Chunk / 32;

    /// <summary>Steps a split of k holds at least: fewer would spend more on the partial sums than on the products.</summary>
    internal const int MinimumSplitSteps = 16;

    /// <summary>Output tiles of <see cref="GroupRows"/> × <see cref="GroupColumns"/> for <paramref name="shape"/>.</summary>
    internal static int Tiles(ExactShape shape) =>
        checked(((shape.Rows + GroupRows - 1) / GroupRows) * ((shape.Columns + GroupColumns - 1) / GroupColumns));

    /// <summary>
    /// Splits of k for <paramref name="shape"/>: 1 when its tiles fill two groups a multiprocessor, else as many as fill
    /// them, each of at least <see cref="MinimumSplitSteps"/> steps (a batch of one row has 64 tiles of a 4096-wide
    /// layer, against 264 groups on 132 multiprocessors).
    /// </summary>
    internal static int Splits(ExactShape shape, int multiprocessors)
    {
        int tiles = Tiles(shape);
        int target = 2 * Math.Max(1, multiprocessors);
        int steps = shape.PlaneLength / 32;
        return tiles >= target ? 1 : Math.Max(1, Math.Min((target + tiles - 1) / tiles, steps / MinimumSplitSteps));
    }

    /// <summary>
    /// One group per 64 rows × 64 columns of output and split of k (groups ordered column block fastest, split
    /// slowest): the ten kept slice-pair products of every output in it over its part of the padded k, through
    /// <typeparamref name="TMma"/>, combined into N' in split <c>s</c>'s slab of <paramref name="sums"/>
    /// (<c>sums[s·Rows·Columns + r·Columns + j]</c>), written by one lane (then added to, for every further 2^15 k); a
    /// split left without steps writes zeros. With more than one split, <see cref="ExactKernels.SumSplits"/> then adds
    /// the slabs into the first, in split order: no atomics, and no slab left unwritten.
    /// </summary>
    public static void Products<TMma>(ArrayView<int> xPlanes, ArrayView<int> wPlanes, ArrayView<long> sums, ExactShape shape, int splits)
        where TMma : struct, IExactMma
    {
        TMma mma = default;
        int lane = Group.IdxX & 31;
        int warp = Group.IdxX >> 5;
        int g = lane >> 2;
        int c = lane & 3;
        int columnBlocks = (shape.Columns + GroupColumns - 1) / GroupColumns;
        int tiles = Tiles(shape);
        int split = Grid.IdxX / tiles;
        int tile = Grid.IdxX - (split * tiles);
        int rowBase = ((tile / columnBlocks) * GroupRows) + ((warp >> 2) * WarpRows);
        int columnBase = ((tile % columnBlocks) * GroupColumns) + ((warp & 3) * WarpColumns);
        int words = shape.PlaneLength / 4;

        // The planes as pairs of ints: in every 32-k step the pair c holds words c and 4 + c (PlaneWord), a lane's two
        // registers of one row. Strides and offsets in pairs (words is a multiple of 8).
        ArrayView<long> xPairs = xPlanes.Cast<long>();
        ArrayView<long> wPairs = wPlanes.Cast<long>();
        long xStride = (long)shape.Rows * (words / 2);
        long wStride = (long)shape.Columns * (words / 2);

        // Where this lane's fragment rows start (pair c of the row), or −1 past the edge (those load zeros).
        long x0 = RowStart(rowBase + g, shape.Rows, words, c);
        long x1 = RowStart(rowBase + g + 8, shape.Rows, words, c);
        long x2 = RowStart(rowBase + g + 16, shape.Rows, words, c);
        long x3 = RowStart(rowBase + g + 24, shape.Rows, words, c);
        long w0 = RowStart(columnBase + g, shape.Columns, words, c);
        long w1 = RowStart(columnBase + g + 8, shape.Columns, words, c);

        int steps = words / 8;
        int splitSteps = (steps + splits - 1) / splits;
        int begin = split * splitSteps;
        int stop = Math.Min(steps, begin + splitSteps);
        ArrayView<long> slab = sums.SubView((long)split * shape.Rows * shape.Columns, (long)shape.Rows * shape.Columns);
        if (begin >= stop)
        {
            MmaSums zero = default;
            Store(slab, shape, zero, rowBase + g, columnBase + (2 * c), StoreWrite);
            Store(slab, shape, zero, rowBase + g, columnBase + 8 + (2 * c), StoreWrite);
            Store(slab, shape, zero, rowBase + 16 + g, columnBase + (2 * c), StoreWrite);
            Store(slab, shape, zero, rowBase + 16 + g, columnBase + 8 + (2 * c), StoreWrite);
        }

        for (int chunk = begin; chunk < stop; chunk += ChunkSteps)
        {
            int end = Math.Min(stop, chunk + ChunkSteps);
            MmaSums t00 = default, t01 = default, t10 = default, t11 = default;

            // The fragments of the next step are loaded before this step's products (the last step loads itself
            // again: in bounds, unused), so that their latency overlaps the tensor cores' work.
            long first = (long)chunk * 4;
            PlanesA nextA0 = LoadA(xPairs, x0, x1, first, xStride);
            PlanesA nextA1 = LoadA(xPairs, x2, x3, first, xStride);
            PlanesB nextB0 = LoadB(wPairs, w0, first, wStride);
            PlanesB nextB1 = LoadB(wPairs, w1, first, wStride);
            for (int step = chunk; step < end; step++)
            {
                PlanesA a0 = nextA0, a1 = nextA1;
                PlanesB b0 = nextB0, b1 = nextB1;
                long pair = (long)Math.Min(step + 1, end - 1) * 4;
                nextA0 = LoadA(xPairs, x0, x1, pair, xStride);
                nextA1 = LoadA(xPairs, x2, x3, pair, xStride);
                nextB0 = LoadB(wPairs, w0, pair, wStride);
                nextB1 = LoadB(wPairs, w1, pair, wStride);
                t00 = mma.Step(t00, a0, b0);
                t01 = mma.Step(t01, a0, b1);
                t10 = mma.Step(t10, a1, b0);
                t11 = mma.Step(t11, a1, b1);
            }

            int mode = chunk == begin ? StoreWrite : StoreAdd;
            Store(slab, shape, t00, rowBase + g, columnBase + (2 * c), mode);
            Store(slab, shape, t01, rowBase + g, columnBase + 8 + (2 * c), mode);
            Store(slab, shape, t10, rowBase + 16 + g, columnBase + (2 * c), mode);
            Store(slab, shape, t11, rowBase + 16 + g, columnBase + 8 + (2 * c), mode);
        }
    }

    /// <summary>
    /// Where word <paramref name="word"/> (of a row's plane) is stored: in every 32-k step, words c and 4 + c
    /// (c = 0..3) side by side at 2c and 2c + 1, so that a lane loads its two registers of a row, k 4c..4c+3 and
    /// 16+4c..16+4c+3, as one 64-bit pair. The scalar kernel pairs the same positions of both operands, so it is
    /// unaffected; <see cref="ExactKernels.SliceRows"/> and the weight packing write this order.
    /// </summary>
    public static int PlaneWord(int word) => (word & ~7) | ((word & 3) << 1) | ((word >> 2) & 1);

    private static long RowStart(int row, int rows, int words, int c) => row < rows ? ((long)row * (words / 2)) + c : -1;

    private static long Load(ArrayView<long> pairs, long start, long at) => start >= 0 ? pairs[start + at] : 0;

    /// <summary>The A fragments of the four input planes for rows g (<paramref name="low"/>) and g + 8 (<paramref name="high"/>) of a tile.</summary>
    private static PlanesA LoadA(ArrayView<long> planes, long low, long high, long word, long stride)
    {
        PlanesA a;
        a.P0 = LoadA(planes, low, high, word);
        a.P1 = LoadA(planes, low, high, word + stride);
        a.P2 = LoadA(planes, low, high, word + (2 * stride));
        a.P3 = LoadA(planes, low, high, word + (3 * stride));
        return a;
    }

    private static MmaA LoadA(ArrayView<long> planes, long low, long high, long at)
    {
        long lowPair = Load(planes, low, at);
        long highPair = Load(planes, high, at);
        MmaA a;
        a.A0 = (int)lowPair;
        a.A1 = (int)highPair;
        a.A2 = (int)(lowPair >> 32);
        a.A3 = (int)(highPair >> 32);
        return a;
    }

    /// <summary>The B fragments of the four weight planes for column g of a tile.</summary>
    private static PlanesB LoadB(ArrayView<long> planes, long column, long word, long stride)
    {
        PlanesB b;
        b.P0 = LoadB(planes, column, word);
        b.P1 = LoadB(planes, column, word + stride);
        b.P2 = LoadB(planes, column, word + (2 * stride));
        b.P3 = LoadB(planes, column, word + (3 * stride));
        return b;
    }

    private static MmaB LoadB(ArrayView<long> planes, long column, long at)
    {
        long pair = Load(planes, column, at);
        MmaB b;
        b.B0 = (int)pair;
        b.B1 = (int)(pair >> 32);
        return b;
    }

    /// <summary>Combines a tile's four sums into N' for this lane's four outputs and writes (first chunk) or adds them.</summary>
    private const int StoreWrite = 0;
    private const int StoreAdd = 1;

    private static void Store(ArrayView<long> sums, ExactShape shape, MmaSums t, int row, int column, int mode)
    {
        Store(sums, shape, row, column, ExactArithmetic.Combine(t.S0.C0, t.S1.C0, t.S2.C0, t.S3.C0), mode);
        Store(sums, shape, row, column + 1, ExactArithmetic.Combine(t.S0.C1, t.S1.C1, t.S2.C1, t.S3.C1), mode);
        Store(sums, shape, row + 8, column, ExactArithmetic.Combine(t.S0.C2, t.S1.C2, t.S2.C2, t.S3.C2), mode);
        Store(sums, shape, row + 8, column + 1, ExactArithmetic.Combine(t.S0.C3, t.S1.C3, t.S2.C3, t.S3.C3), mode);
    }

    private static void Store(ArrayView<long> sums, ExactShape shape, int row, int column, long value, int mode)
    {
        if (row < shape.Rows && column < shape.Columns)
        {
            long at = ((long)row * shape.Columns) + column;
            sums[at] = mode == StoreWrite ? value : sums[at] + value;
        }
    }
}

/// <summary>
/// One 32-k step of one 16×8 tile of the exact tier on a warp: the ten kept slice pairs (t + u ≤ 3), each an
/// <c>m16n8k32</c> signed int8 multiply-accumulate <c>D = A_t·B_u + D</c> into the int32 set of its s = t + u, each
/// lane passing its fragments (layout in <see cref="ExactTensorCoreKernels"/>). Every lane of the warp calls it
/// together.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IExactMma
{
    /// <summary>Returns this lane's four accumulator sets after the step.</summary>
    /// <param name="sums">This lane's accumulator sets, one per s = t + u.</param>
    /// <param name="a">This lane's A fragments of the four input planes.</param>
    /// <param name="b">This lane's B fragments of the four weight planes.</param>
    MmaSums Step(MmaSums sums, PlanesA a, PlanesB b);
}

/// <summary>
/// <see cref="IExactMma"/> on CUDA (compute capability 8.0 or later): ten <c>mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32</c>.
/// Without <c>.satfinite</c> the accumulation wraps modulo 2^32; the exact tier's chunks keep every sum inside int32
/// (docs/arithmetic.md), so it never does.
/// </summary>
/// <remarks>Only valid inside kernels running on a CUDA accelerator.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CudaExactMma : IExactMma
{
    /// <inheritdoc/>
    public MmaSums Step(MmaSums sums, PlanesA a, PlanesB b)
    {
        sums.S0 = Mma(sums.S0, a.P0, b.P0);
        sums.S1 = Mma(Mma(sums.S1, a.P0, b.P1), a.P1, b.P0);
        sums.S2 = Mma(Mma(Mma(sums.S2, a.P0, b.P2), a.P1, b.P1), a.P2, b.P0);
        sums.S3 = Mma(Mma(Mma(Mma(sums.S3, a.P0, b.P3), a.P1, b.P2), a.P2, b.P1), a.P3, b.P0);
        return sums;
    }

    private static MmaC Mma(MmaC c, MmaA a, MmaB b)
    {
        ILGPU.Runtime.Cuda.Ref<int> d0 = c.C0, d1 = c.C1, d2 = c.C2, d3 = c.C3;
        ILGPU.Runtime.Cuda.Input<int> a0 = a.A0, a1 = a.A1, a2 = a.A2, a3 = a.A3, b0 = b.B0, b1 = b.B1;
        ILGPU.Runtime.Cuda.CudaAsm.EmitRef(
            "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};",
            ref d0,
            ref d1,
            ref d2,
            ref d3,
            ref a0,
            ref a1,
            ref a2,
            ref a3,
            ref b0,
            ref b1);
        MmaC d;
        d.C0 = d0.Value;
        d.C1 = d1.Value;
        d.C2 = d2.Value;
        d.C3 = d3.Value;
        return d;
    }
}

/// <summary>
/// <see cref="IExactMma"/> in plain integer arithmetic, for ILGPU's CPU accelerator (which cannot run PTX): the lanes
/// exchange their fragments through shared memory and each computes its four outputs of the ten products as the PTX
/// ISA defines <c>mma.m16n8k32</c>, so the tests run the tensor-core kernel's indexing, edges and chunks here. Needs
/// the whole group in step (it synchronizes the group), which <see cref="ExactTensorCoreKernels.Products{TMma}"/>
/// guarantees. Slow; tests only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct EmulatedExactMma : IExactMma
{
    // Per warp and lane: A0..A3 of planes 0..3 (16 ints), then B0, B1 of planes 0..3 (8 ints).
    private const int Fields = 24;

    /// <inheritdoc/>
    public MmaSums Step(MmaSums sums, PlanesA a, PlanesB b)
    {
        ArrayView<int> shared = SharedMemory.Allocate<int>(ExactTensorCoreKernels.GroupSize * Fields);
        int lane = Group.IdxX & 31;
        int warp = (Group.IdxX >> 5) * 32 * Fields;
        WriteA(shared, warp, 0, lane, a.P0);
        WriteA(shared, warp, 1, lane, a.P1);
        WriteA(shared, warp, 2, lane, a.P2);
        WriteA(shared, warp, 3, lane, a.P3);
        WriteB(shared, warp, 0, lane, b.P0);
        WriteB(shared, warp, 1, lane, b.P1);
        WriteB(shared, warp, 2, lane, b.P2);
        WriteB(shared, warp, 3, lane, b.P3);
        Group.Barrier();

        // d0 = Σ_k A[g][k]·B[k][2c], …; k = 4q..4q+3 lies in lane 4g+q's a0 (row g) / a1 (row g+8) and in lane
        // 4n+q's b0 for column n; k = 16+4q.. in a2 / a3 and b1.
        int g = lane >> 2;
        int n = 2 * (lane & 3);
        for (int q = 0; q < 4; q++)
        {
            int rowLane = (4 * g) + q;
            int even = (4 * n) + q;
            int odd = (4 * (n + 1)) + q;
            for (int t = 0; t < 4; t++)
            {
                int at = warp + (4 * t * 32);
                int low0 = shared[at + rowLane], high0 = shared[at + 32 + rowLane];
                int low1 = shared[at + 64 + rowLane], high1 = shared[at + 96 + rowLane];
                for (int u = 0; t + u < 4; u++)
                {
                    int bt = warp + ((16 + (2 * u)) * 32);
                    int even0 = shared[bt + even], even1 = shared[bt + 32 + even];
                    int odd0 = shared[bt + odd], odd1 = shared[bt + 32 + odd];
                    MmaC d;
                    d.C0 = Dot4(low0, even0) + Dot4(low1, even1);
                    d.C1 = Dot4(low0, odd0) + Dot4(low1, odd1);
                    d.C2 = Dot4(high0, even0) + Dot4(high1, even1);
                    d.C3 = Dot4(high0, odd0) + Dot4(high1, odd1);
                    sums = Add(sums, t + u, d);
                }
            }
        }

        Group.Barrier();
        return sums;
    }

    private static void WriteA(ArrayView<int> shared, int warp, int plane, int lane, MmaA a)
    {
        int at = warp + (4 * plane * 32) + lane;
        shared[at] = a.A0;
        shared[at + 32] = a.A1;
        shared[at + 64] = a.A2;
        shared[at + 96] = a.A3;
    }

    private static void WriteB(ArrayView<int> shared, int warp, int plane, int lane, MmaB b)
    {
        int at = warp + ((16 + (2 * plane)) * 32) + lane;
        shared[at] = b.B0;
        shared[at + 32] = b.B1;
    }

    private static MmaSums Add(MmaSums sums, int s, MmaC d)
    {
        if (s == 0)
        {
            sums.S0 = Add(sums.S0, d);
        }
        else if (s == 1)
        {
            sums.S1 = Add(sums.S1, d);
        }
        else if (s == 2)
        {
            sums.S2 = Add(sums.S2, d);
        }
        else
        {
            sums.S3 = Add(sums.S3, d);
        }

        return sums;
    }

    private static MmaC Add(MmaC c, MmaC d)
    {
        c.C0 += d.C0;
        c.C1 += d.C1;
        c.C2 += d.C2;
        c.C3 += d.C3;
        return c;
    }

    private static int Dot4(int x, int w) =>
        ((x << 24) >> 24) * ((w << 24) >> 24)
        + ((x << 16) >> 24) * ((w << 16) >> 24)
        + ((x << 8) >> 24) * ((w << 8) >> 24)
        + (x >> 24) * (w >> 24);
}

/// <summary>One lane's A fragment of <c>m16n8k32</c>: four ints of four int8 each.</summary>
[StructLayout(LayoutKind.Sequential)]
[EditorBrowsable(EditorBrowsableState.Never)]
public struct MmaA
{
    /// <summary>Row g, k 4c..4c+3.</summary>
    public int A0;

    /// <summary>Row g + 8, k 4c..4c+3.</summary>
    public int A1;

    /// <summary>Row g, k 16+4c..16+4c+3.</summary>
    public int A2;

    /// <summary>Row g + 8, k 16+4c..16+4c+3.</summary>
    public int A3;
}

/// <summary>One lane's B fragment of <c>m16n8k32</c>: two ints of four int8 each.</summary>
[StructLayout(LayoutKind.Sequential)]
[EditorBrowsable(EditorBrowsableState.Never)]
public struct MmaB
{
    /// <summary>Column g, k 4c..4c+3.</summary>
    public int B0;

    /// <summary>Column g, k 16+4c..16+4c+3.</summary>
    public int B1;
}

/// <summary>One lane's int32 accumulators of a 16×8 tile.</summary>
[StructLayout(LayoutKind.Sequential)]
[EditorBrowsable(EditorBrowsableState.Never)]
public struct MmaC
{
    /// <summary>Row g, column 2c.</summary>
    public int C0;

    /// <summary>Row g, column 2c + 1.</summary>
    public int C1;

    /// <summary>Row g + 8, column 2c.</summary>
    public int C2;

    /// <summary>Row g + 8, column 2c + 1.</summary>
    public int C3;
}

/// <summary>A tile's four accumulator sets, one per s = t + u.</summary>
[StructLayout(LayoutKind.Sequential)]
[EditorBrowsable(EditorBrowsableState.Never)]
public struct MmaSums
{
    /// <summary>s = 0: P00.</summary>
    public MmaC S0;

    /// <summary>s = 1: P01 + P10.</summary>
    public MmaC S1;

    /// <summary>s = 2: P02 + P11 + P20.</summary>
    public MmaC S2;

    /// <summary>s = 3: P03 + P12 + P21 + P30.</summary>
    public MmaC S3;
}

/// <summary>A fragments of the four input planes t = 0..3.</summary>
[StructLayout(LayoutKind.Sequential)]
[EditorBrowsable(EditorBrowsableState.Never)]
public struct PlanesA
{
    /// <summary>Plane 0 (the top digit).</summary>
    public MmaA P0;

    /// <summary>Plane 1.</summary>
    public MmaA P1;

    /// <summary>Plane 2.</summary>
    public MmaA P2;

    /// <summary>Plane 3 (the low digit).</summary>
    public MmaA P3;
}

/// <summary>B fragments of the four weight planes u = 0..3.</summary>
[StructLayout(LayoutKind.Sequential)]
[EditorBrowsable(EditorBrowsableState.Never)]
public struct PlanesB
{
    /// <summary>Plane 0 (the top digit).</summary>
    public MmaB P0;

    /// <summary>Plane 1.</summary>
    public MmaB P1;

    /// <summary>Plane 2.</summary>
    public MmaB P2;

    /// <summary>Plane 3 (the low digit).</summary>
    public MmaB P3;
}
