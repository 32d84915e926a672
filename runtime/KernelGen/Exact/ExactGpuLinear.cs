using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// The exact tier of a <see cref="GpuLinearLayer"/>: the weight's int8 digit planes and row scales on the device
/// (sliced once on the host, the same integers as the CPU's), and scratch buffers for the input planes, the row
/// scales and the combined sums, grown as batches grow. Calls are serialized by the owning layer.
/// </summary>
internal sealed class ExactGpuLinear : IDisposable
{
    private readonly GpuDevice _device;
    private readonly LinearLayer _layer;
    private readonly ExactGpuKernels _kernels;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _wPlanes;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _columnScales;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _bias;
    private readonly int _planeLength;
    private MemoryBuffer1D<int, Stride1D.Dense>? _xPlanes;
    private MemoryBuffer1D<int, Stride1D.Dense>? _rowScales;
    private MemoryBuffer1D<long, Stride1D.Dense>? _sums;
    private int _capacityRows;

    public ExactGpuLinear(GpuDevice device, LinearLayer layer)
    {
        _device = device;
        _layer = layer;
        _kernels = device.GetOrLoadKernel(typeof(ExactGpuKernels), ExactGpuKernels.Load);
        ExactWeights weights = layer.EnsureExactWeights();
        _planeLength = weights.PlaneLength;
        string name = layer.GetType().Name;
        _wPlanes = device.Allocate<int>(ExactArithmetic.Slices * (long)weights.Rows * (_planeLength / 4), $"the weight planes of {name}");
        try
        {
            _wPlanes.CopyFromCPU(PackPlanes(weights));
            _columnScales = device.Allocate<int>(weights.Rows, $"the weight scales of {name}");
            _columnScales.CopyFromCPU(weights.Scales);
            _bias = device.AllocateCopy(layer.PackedBiasArray, $"the bias of {name}");
        }
        catch
        {
            _wPlanes.Dispose();
            _columnScales?.Dispose();
            throw;
        }
    }

    /// <summary>Queues the passes for <paramref name="rows"/> rows on the default stream.</summary>
    public void Launch(int rows, ArrayView<float> input, ArrayView<float> output)
    {
        var shape = new ExactShape(
            rows, _layer.OutFeatures, _layer.InFeatures, _planeLength, _layer.HasBias ? 1 : 0, _layer.Activation is { } f ? (int)f : -1);
        EnsureScratch(rows, _kernels.SumsLength(shape));
        _kernels.Launch(
            shape,
            input,
            _wPlanes.View,
            _columnScales.View,
            _bias.View,
            _xPlanes!.View.SubView(0, ExactArithmetic.Slices * (long)rows * (_planeLength / 4)),
            _rowScales!.View.SubView(0, rows),
            _sums!.View.SubView(0, _kernels.SumsLength(shape)),
            output);
    }

    public void Dispose()
    {
        _wPlanes.Dispose();
        _columnScales.Dispose();
        _bias.Dispose();
        _xPlanes?.Dispose();
        _rowScales?.Dispose();
        _sums?.Dispose();
    }

    /// <summary>
    /// The host planes <c>[j, u, k]</c> (int16 digits) as the device's <c>[u, j, k/4]</c> ints of four int8 digits, k
    /// ascending from the low byte, the words of each 32-k step in <see cref="ExactTensorCoreKernels.PlaneWord"/> order.
    /// </summary>
    private static int[] PackPlanes(ExactWeights weights)
    {
        int words = weights.PlaneLength / 4;
        var packed = new int[checked(ExactArithmetic.Slices * weights.Rows * words)];
        for (int j = 0; j < weights.Rows; j++)
        {
            ReadOnlySpan<short> planes = weights.RowPlanes(j);
            for (int u = 0; u < ExactArithmetic.Slices; u++)
            {
                for (int word = 0; word < words; word++)
                {
                    int value = 0;
                    for (int b = 0; b < 4; b++)
                    {
                        value |= (planes[(u * weights.PlaneLength) + (word * 4) + b] & 0xFF) << (8 * b);
                    }

                    packed[((((long)u * weights.Rows) + j) * words) + ExactTensorCoreKernels.PlaneWord(word)] = value;
                }
            }
        }

        return packed;
    }

    private void EnsureScratch(int rows, long sumsLength)
    {
        if (rows <= _capacityRows && sumsLength <= _sums!.Length)
        {
            return;
        }

        int capacity = Math.Max(rows, _capacityRows * 2);
        if (_xPlanes is not null)
        {
            _device.Synchronize(); // queued passes may still read the old buffers
        }

        _xPlanes?.Dispose();
        _rowScales?.Dispose();
        _sums?.Dispose();
        _xPlanes = null;
        _rowScales = null;
        _sums = null;
        _capacityRows = 0;
        string name = _layer.GetType().Name;
        _xPlanes = _device.Allocate<int>(ExactArithmetic.Slices * (long)capacity * (_planeLength / 4), $"the input planes of {name}");
        _rowScales = _device.Allocate<int>(capacity, $"the input scales of {name}");
        _sums = _device.Allocate<long>(Math.Max((long)capacity * _layer.OutFeatures, sumsLength), $"the exact sums of {name}"); // a split of k needs a slab each
        _capacityRows = capacity;
    }
}
