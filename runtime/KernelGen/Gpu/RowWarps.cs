using System.ComponentModel;
using ILGPU;

namespace KernelGen.Generated;

/// <summary>
/// How the GPU row kernels (<see cref="RowGpuKernel"/>) spread rows over threads: one warp of 32 threads per row
/// (thread j = lane j of the canonical reduction, no shared memory, no barriers), <see cref="WarpsPerGroup"/> warps a
/// group, so a 1024-row batch fills 132 multiprocessors with 256 groups instead of 1024 groups of one warp. An
/// element-wise layer may give each row several warps (32 elements each).
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RowWarps
{
    /// <summary>Warps in a group.</summary>
    public const int WarpsPerGroup = 4;

    /// <summary>Threads in a group.</summary>
    public const int GroupSize = WarpsPerGroup * CanonicalReduction.Lanes;

    /// <summary>The calling warp's index in the whole launch.</summary>
    public static long Index => ((long)Grid.IdxX * WarpsPerGroup) + Warp.WarpIdx;

    /// <summary>The groups that give <paramref name="rows"/> rows <paramref name="warpsPerRow"/> warps each.</summary>
    /// <param name="rows">Rows in the launch.</param>
    /// <param name="warpsPerRow">Warps per row.</param>
    public static int Groups(int rows, int warpsPerRow)
    {
        long warps = (long)rows * warpsPerRow;
        return checked((int)((warps + WarpsPerGroup - 1) / WarpsPerGroup));
    }
}
