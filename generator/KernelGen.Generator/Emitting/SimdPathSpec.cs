using System.Collections.Immutable;

namespace KernelGen.Generator.Emitting;

/// <summary>
/// How one CPU path is emitted: the vector type, its lanes and the register tiles. Every path
/// computes each output with the same FMA chain; they differ only in how many outputs run at once.
/// </summary>
/// <param name="Name">The <c>KernelGen.SimdPath</c> member and the method-name suffix.</param>
/// <param name="VectorType">The type of one accumulator (<c>float</c> for the scalar path).</param>
/// <param name="Lanes">Columns per accumulator.</param>
/// <param name="VectorsPerRow">Accumulators per row of the main tile.</param>
/// <param name="TileRows">
/// Rows in the main register tile. On the 256- and 128-bit paths, 6 rows of 2 vectors are 12 accumulators,
/// which leaves room in 16 vector registers (AVX2, SSE) for the 2 weight vectors and 1 broadcast input.
/// AVX-512's 32 registers hold 12 rows of 2 vectors: 24 accumulators, 2 weight vectors and 1 broadcast. Of
/// the tiles with 24 accumulators, 12 × 32 reads the fewest weight bytes per FMA (64 ÷ 12, against 64 ÷ 6
/// for 6 × 64), and the weights are what streams from L2 while the tile's input rows stay in L1.
/// </param>
internal sealed record SimdPathSpec(string Name, string VectorType, int Lanes, int VectorsPerRow, int TileRows)
{

    /// <summary>Accumulators of the one-row (decode) tile: enough independent FMA chains to hide the
    /// FMA latency when a single row has no other row to share the weight loads with.</summary>
    public const int WideVectors = 8;

    /// <summary>
    /// Columns per panel of the CPU-packed weight (<c>LinearLayer.CpuPanelWidth</c>): within a pass, panel p
    /// holds columns [16p, 16p + 16) as <c>[pass k, 16]</c>, so a tile's weights for one k are adjacent and
    /// consecutive k are 64 bytes apart.
    /// </summary>
    public const int PanelWidth = 16;

    /// <summary>
    /// The k of one pass (<c>LinearLayer.CpuPassLength</c>): the drivers run k in passes of this many, ascending,
    /// each over all of a block's tiles, and the CPU-packed weight holds each pass's panels one after another.
    /// A main tile's input rows for a pass (6 × 1 KiB) stay in L1 while its weights stream in as one forward run.
    /// </summary>
    public const int PassLength = 256;

    /// <summary>
    /// The CPU-packed weight and bias cover OutFeatures rounded up to this many columns
    /// (<c>LinearLayer.CpuColumnAlignment</c>): a multiple of every path's <see cref="TileColumns"/>, so a
    /// partial tile at the right edge reads zero padding.
    /// </summary>
    public const int ColumnAlignment = 64;

    /// <summary>
    /// Row counts of the tiles that finish the rows left after the main tiles, largest first, one tile of each at
    /// most: 4, 2 and 1 cover the 1 to 5 rows a 6-row tile leaves (5 = 4 + 1, 3 = 2 + 1); 6, 4, 2 and 1 cover the
    /// 1 to 11 a 12-row tile leaves (11 = 6 + 4 + 1).
    /// </summary>
    public ImmutableArray<int> TailRows => TileRows == 12 ? TailsOfTwelve : TailsOfSix;

    private static readonly ImmutableArray<int> TailsOfSix = ImmutableArray.Create(4, 2, 1);
    private static readonly ImmutableArray<int> TailsOfTwelve = ImmutableArray.Create(6, 4, 2, 1);

    public static ImmutableArray<SimdPathSpec> All { get; } = ImmutableArray.Create(
        new SimdPathSpec("Vector512", "global::System.Runtime.Intrinsics.Vector512<float>", 16, 2, 12),
        new SimdPathSpec("Vector256", "global::System.Runtime.Intrinsics.Vector256<float>", 8, 2, 6),
        new SimdPathSpec("Vector128", "global::System.Runtime.Intrinsics.Vector128<float>", 4, 2, 6),
        new SimdPathSpec("Scalar", "float", 1, 2, 6));

    /// <summary>Columns in one main tile.</summary>
    public int TileColumns => Lanes * VectorsPerRow;

    /// <summary>Columns in one wide one-row tile.</summary>
    public int WideColumns => Lanes * WideVectors;

    public bool IsScalar => Lanes == 1;

    /// <summary>The static class with Create/LoadUnsafe/FusedMultiplyAdd for this vector type.</summary>
    public string VectorClass => "global::System.Runtime.Intrinsics." + Name;
}
