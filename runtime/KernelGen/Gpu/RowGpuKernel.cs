using System;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen.Generated;

/// <summary>
/// The generated GPU kernel of a row-wise layer, loaded on one accelerator: one warp per row
/// (<see cref="RowWarps"/>), lane j owning lane j of the row's canonical reductions and the row's elements
/// j, j + 32, …; an element-wise layer may give a row several warps. Normalization layers' kernels also take
/// the residual rows (<see cref="ResidualAdd"/>).
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RowGpuKernel
{
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>? _launch;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>? _launchWithResidual;

    /// <summary>Wraps a kernel without a residual.</summary>
    /// <param name="launch">The loaded stream kernel: views of the input, the parameters and the output, then the row count.</param>
    public RowGpuKernel(Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        _launch = launch;
    }

    /// <summary>Wraps a kernel that takes the residual rows.</summary>
    /// <param name="launchWithResidual">The loaded stream kernel: views of the input, the residual, the parameters and the output, then the row count.</param>
    public RowGpuKernel(Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> launchWithResidual)
    {
        ArgumentNullException.ThrowIfNull(launchWithResidual);
        _launchWithResidual = launchWithResidual;
    }

    /// <summary>Launches <paramref name="warpsPerRow"/> warps per row on the accelerator's default stream. <paramref name="residual"/> is ignored by a kernel without one, and by a layer declared without one.</summary>
    internal void Launch(int rows, int warpsPerRow, ArrayView<float> input, ArrayView<float> residual, ArrayView<float> parameters, ArrayView<float> output)
    {
        var config = new KernelConfig(RowWarps.Groups(rows, warpsPerRow), RowWarps.GroupSize);
        if (_launchWithResidual is not null)
        {
            _launchWithResidual(config, input, residual, parameters, output, rows);
        }
        else
        {
            _launch!(config, input, parameters, output, rows);
        }
    }
}
