using System.Collections.Immutable;

namespace KernelGen.Generator.Emitting;

/// <summary>
/// How one CPU path is emitted: the vector type, its lanes and the register tile. Every path
/// computes each output with the same FMA chain; they differ only in how many outputs run at once.
/// </summary>
/// <param name="Name">The <c>KernelGen.SimdPath</c> member and the method-name suffix.</param>
/// <param name="VectorType">The type of one accumulator (<c>float</c> for the scalar path).</param>
/// <param name="Lanes">Columns per accumulator.</param>
/// <param name="VectorsPerRow">Accumulators per row of the tile.</param>
internal sealed record SimdPathSpec(string Name, string VectorType, int Lanes, int VectorsPerRow)
{
    /// <summary>Rows in the main register tile; remaining rows use a one-row tile.</summary>
    public const int TileRows = 4;

    public static ImmutableArray<SimdPathSpec> All { get; } = ImmutableArray.Create(
        new SimdPathSpec("Vector512", "global::System.Runtime.Intrinsics.Vector512<float>", 16, 2),
        new SimdPathSpec("Vector256", "global::System.Runtime.Intrinsics.Vector256<float>", 8, 2),
        new SimdPathSpec("Vector128", "global::System.Runtime.Intrinsics.Vector128<float>", 4, 2),
        new SimdPathSpec("Scalar", "float", 1, 4));

    /// <summary>Columns in one tile.</summary>
    public int TileColumns => Lanes * VectorsPerRow;

    public bool IsScalar => Lanes == 1;

    /// <summary>The static class with Create/LoadUnsafe/FusedMultiplyAdd for this vector type.</summary>
    public string VectorClass => "global::System.Runtime.Intrinsics." + Name;
}
