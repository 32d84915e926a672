namespace KernelGen.Generator.Emitting;

/// <summary>
/// The shared-memory tiling of a tiled GPU kernel, fixed at compile time by the declared shape.
/// A group of 16 × 16 threads computes <see cref="Rows"/> × <see cref="Columns"/> outputs. Thread
/// (tx, ty) owns <see cref="RowVector"/> neighbouring rows in each of <see cref="RowGroups"/> bands
/// (rows ty·v + r + 16·v·h) and likewise for columns, so that it reads its slice of each staged k-row
/// with one vector load per band (<c>KernelGen.Generated.Float4</c>/<c>Float2</c>). k advances through shared
/// memory in slices of <see cref="Depth"/>, in ascending order, with two buffers; each thread's
/// accumulators take one FMA per k.
/// </summary>
/// <param name="RowsPerThread">Output rows per thread.</param>
/// <param name="ColumnsPerThread">Output columns per thread.</param>
/// <param name="Depth">The k-slice staged in shared memory per step (a multiple of 4).</param>
/// <param name="Sets">
/// Register sets of staged loads, 1 or 2: with 2, a slice's global loads are issued two slices before it is computed,
/// which tiles of few warps per multiprocessor need to hide the load latency (16 more registers for the large tile
/// would halve its groups per multiprocessor).
/// </param>
/// <param name="EightByFourWarps">
/// Whether a warp owns the outputs of 8 × 4 threads (tx × ty) rather than the launch order's 16 × 2. Measured on the H200
/// (2026-12-02 12:28): 2–4 % slower on the 128 × 128, 128 × 64, 64 × 64 and 64 × 32 tiles, so only the 64 × 96 tile, which
/// was measured that way, has it.
/// </param>
internal sealed record GpuTileSpec(int RowsPerThread, int ColumnsPerThread, int Depth = GpuTileSpec.DefaultDepth, int Sets = 1, bool EightByFourWarps = false)
{
    public const int GroupSide = 16;

    public const int Threads = GroupSide * GroupSide;

    /// <summary>The k-slice of the tiles that fill shared memory with two buffers of 16.</summary>
    public const int DefaultDepth = 16;

    public int Rows => GroupSide * RowsPerThread;

    public int Columns => GroupSide * ColumnsPerThread;

    /// <summary>Neighbouring rows a thread reads with one vector load: 4, or 2 when the rows per thread are not a multiple of 4.</summary>
    public int RowVector => VectorFor(RowsPerThread);

    /// <summary>Neighbouring columns a thread reads with one vector load: 4, or 2 when the columns per thread are not a multiple of 4.</summary>
    public int ColumnVector => VectorFor(ColumnsPerThread);

    /// <summary>Bands of <see cref="RowVector"/> rows per thread.</summary>
    public int RowGroups => RowsPerThread / RowVector;

    /// <summary>Bands of <see cref="ColumnVector"/> columns per thread.</summary>
    public int ColumnGroups => ColumnsPerThread / ColumnVector;

    /// <summary>
    /// Vectors per staged k-row of A: the tile's rows plus one vector of padding, so that the eight
    /// 16-byte stores of a quarter warp (8 consecutive k) land in 32 different banks.
    /// </summary>
    public int ARowVectors => (Rows / RowVector) + 1;

    /// <summary>Vectors per staged k-row of W.</summary>
    public int BRowVectors => Columns / ColumnVector;

    /// <summary>The kernel's name, after its tile: <c>GpuTiled128x128Kernel</c>.</summary>
    public string KernelName => $"GpuTiled{Rows}x{Columns}Kernel";

    /// <summary>8 rows per thread (128 per group): the most reuse, for batches that fill the GPU with such tiles.</summary>
    public static GpuTileSpec Large(int packedStride) => new(RowsPerThread: 8, ColumnsPerThread: ColumnsFor(packedStride));

    /// <summary>
    /// 8 × 4 per thread (128 × 64 per group): half the large tile's columns, for layers whose large tile is
    /// 8 columns per thread; <see langword="null"/> for narrower layers, where it would be the large tile.
    /// </summary>
    public static GpuTileSpec? Medium(int packedStride) => ColumnsFor(packedStride) == 8 ? new(RowsPerThread: 8, ColumnsPerThread: 4, Sets: 2) : null;

    /// <summary>
    /// 4 × 6 per thread (64 × 96 per group, W read as three bands of 2 columns): three quarters of the medium tile's
    /// outputs, for layers whose large tile is 8 columns per thread, so that batches such as 1024 × 768 (96 medium groups
    /// for 132 multiprocessors) spread over 128 groups; <see langword="null"/> for narrower layers.
    /// </summary>
    public static GpuTileSpec? Wide(int packedStride) => ColumnsFor(packedStride) == 8 ? new(RowsPerThread: 4, ColumnsPerThread: 6, Depth: 32, Sets: 2, EightByFourWarps: true) : null;

    /// <summary>
    /// 4 × 4 per thread (64 × 64 per group, narrower for narrow layers): a quarter of the large tile's outputs, so
    /// up to four times the groups, for batches too small to fill the GPU with large tiles. k-slices of 32: such
    /// batches leave a multiprocessor one or two groups, whose slices must be long enough to hide the global loads.
    /// </summary>
    public static GpuTileSpec Small(int packedStride) => new(RowsPerThread: 4, ColumnsPerThread: System.Math.Min(4, ColumnsFor(packedStride)), Depth: 32, Sets: 2);

    /// <summary>
    /// 4 × 2 per thread (64 × 32 per group): twice the small tile's groups, for batches that would leave multiprocessors
    /// idle with small tiles (4800 × 64 outputs: 75 small tiles for 132 multiprocessors); <see langword="null"/> for
    /// layers whose small tile is already 64 × 32.
    /// </summary>
    public static GpuTileSpec? Narrow(int packedStride) => ColumnsFor(packedStride) >= 4 ? new(RowsPerThread: 4, ColumnsPerThread: 2, Depth: 32, Sets: 2) : null;

    /// <summary>The tiles a layer of this packed stride gets, largest first: large, medium, wide, small and narrow, where they differ.</summary>
    public static GpuTileSpec[] All(int packedStride)
    {
        var tiles = new System.Collections.Generic.List<GpuTileSpec> { Large(packedStride) };
        if (Medium(packedStride) is GpuTileSpec medium)
        {
            tiles.Add(medium);
        }

        if (Wide(packedStride) is GpuTileSpec wide)
        {
            tiles.Add(wide);
        }

        tiles.Add(Small(packedStride));
        if (Narrow(packedStride) is GpuTileSpec narrow)
        {
            tiles.Add(narrow);
        }

        return tiles.ToArray();
    }

    /// <summary>
    /// The offset of element <paramref name="index"/> of a thread's rows (or columns) from its first one, when it
    /// owns bands of <paramref name="vector"/> neighbours, <see cref="GroupSide"/> · <paramref name="vector"/> apart.
    /// </summary>
    public static int BandOffset(int index, int vector) => (index % vector) + (GroupSide * vector * (index / vector));

    /// <summary>The type name of a vector of <paramref name="width"/> floats.</summary>
    public static string VectorType(int width) => width == 4 ? "global::KernelGen.Generated.Float4" : "global::KernelGen.Generated.Float2";

    /// <summary>The field of element <paramref name="index"/> of a vector.</summary>
    public static string Element(int index) => index switch { 0 => "X", 1 => "Y", 2 => "Z", _ => "W" };

    /// <summary>8 columns per thread (128 per group) when the packed stride allows it; narrower tiles for narrow layers.</summary>
    private static int ColumnsFor(int packedStride) => packedStride >= 128 ? 8 : packedStride >= 64 ? 4 : 2;

    private static int VectorFor(int perThread) => perThread % 4 == 0 ? 4 : 2;
}
