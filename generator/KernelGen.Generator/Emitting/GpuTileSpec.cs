namespace KernelGen.Generator.Emitting;

/// <summary>
/// The shared-memory tiling of a tiled GPU kernel, fixed at compile time by the declared shape.
/// A group of 16 × 16 threads computes <see cref="Rows"/> × <see cref="Columns"/> outputs; thread
/// (tx, ty) owns rows ty + 16·i and columns tx + 16·j, so that shared-memory reads and output writes
/// are consecutive across a warp. k advances through shared memory in slices of <see cref="Depth"/>,
/// in ascending order, and each thread's accumulators take one FMA per k.
/// </summary>
internal sealed record GpuTileSpec(int RowsPerThread, int ColumnsPerThread)
{
    public const int GroupSide = 16;

    public const int Threads = GroupSide * GroupSide;

    /// <summary>The k-slice staged in shared memory per step.</summary>
    public const int Depth = 16;

    /// <summary>
    /// Extra floats per k-row of the staged A tile. With a row stride of 2 mod 32, the 32 stores of a
    /// warp (2 rows × 16 k) land in 32 different banks.
    /// </summary>
    public const int RowPadding = 2;

    public int Rows => GroupSide * RowsPerThread;

    public int Columns => GroupSide * ColumnsPerThread;

    /// <summary>The row stride of the staged A tile.</summary>
    public int PaddedRows => Rows + RowPadding;

    /// <summary>The kernel's name, after its tile: <c>GpuTiled128x128Kernel</c>.</summary>
    public string KernelName => $"GpuTiled{Rows}x{Columns}Kernel";

    /// <summary>8 rows per thread (128 per group): the most reuse, for batches that fill the GPU with such tiles.</summary>
    public static GpuTileSpec Large(int packedStride) => new(RowsPerThread: 8, ColumnsPerThread: ColumnsFor(packedStride));

    /// <summary>2 rows per thread (32 per group): four times the groups, for batches too small to fill the GPU with large tiles.</summary>
    public static GpuTileSpec Small(int packedStride) => new(RowsPerThread: 2, ColumnsPerThread: ColumnsFor(packedStride));

    /// <summary>8 columns per thread (128 per group) when the packed stride allows it; narrower tiles for narrow layers.</summary>
    private static int ColumnsFor(int packedStride) => packedStride >= 128 ? 8 : packedStride >= 64 ? 4 : 2;
}
