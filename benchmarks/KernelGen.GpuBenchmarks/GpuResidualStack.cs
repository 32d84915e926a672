using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen;

namespace KernelGen.GpuBenchmarks;

/// <summary>
/// The residual stack on the GPU, device-resident: the layers' parameters, the activations and two scratch buffers
/// are allocated once; a pass queues its kernels on the default stream with no host copy and no allocation.
/// Fused: LN1, Linear1 + GELU, Linear2, LN2 + residual (4 launches a block). Unfused: LN1, Linear1, GELU, Linear2,
/// LN2, add (6 launches a block). Both give the CPU's bits.
/// </summary>
internal sealed class GpuResidualStack : IDisposable
{
    private readonly GpuDevice _gpu;
    private readonly GpuRowLayer _norm;
    private readonly GpuRowLayer _normResidual;
    private readonly GpuRowLayer _gelu;
    private readonly GpuLinearLayer[] _fc1Fused;
    private readonly GpuLinearLayer[] _fc1;
    private readonly GpuLinearLayer[] _fc2;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _input;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _x;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _t1;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _t2;

    public GpuResidualStack(GpuDevice gpu, ResidualStackModel model, float[] input)
    {
        _gpu = gpu;
        _norm = model.Norm.ToGpu(gpu);
        _normResidual = model.NormResidual.ToGpu(gpu);
        _gelu = new StackGelu().ToGpu(gpu);
        _fc1Fused = Array.ConvertAll(model.Fc1, layer => layer.ToGpu(gpu));
        _fc1 = Array.ConvertAll(model.Fc1, layer =>
        {
            var plain = new StackLinear();
            plain.SetParameters(layer.Weight, layer.Bias);
            return plain.ToGpu(gpu);
        });
        _fc2 = Array.ConvertAll(model.Fc2, layer => layer.ToGpu(gpu));
        _input = gpu.Accelerator.Allocate1D(input);
        _x = gpu.Accelerator.Allocate1D<float>(input.Length);
        _t1 = gpu.Accelerator.Allocate1D<float>(input.Length);
        _t2 = gpu.Accelerator.Allocate1D<float>(input.Length);
    }

    private ArrayView<float> X => _x.View.AsContiguous();

    private ArrayView<float> T1 => _t1.View.AsContiguous();

    private ArrayView<float> T2 => _t2.View.AsContiguous();

    /// <summary>Copies the input into x on the device (a copy, not a kernel).</summary>
    public void Reset() => _x.View.CopyFrom(_input.View);

    /// <summary>Queues one forward pass on x.</summary>
    public void Forward(bool fused)
    {
        for (int i = 0; i < ResidualStackShape.Depth; i++)
        {
            if (fused)
            {
                Norm1(i);
                Fc1Gelu(i);
                Fc2(i);
                Norm2Residual(i);
            }
            else
            {
                Norm1(i);
                Fc1(i);
                Gelu(i);
                Fc2(i);
                Norm2(i);
                Add(i);
            }
        }
    }

    /// <summary>The output on the host.</summary>
    public float[] Output() => _x.GetAsArray1D();

    // One step of block i each; the per-kind timings call them directly.
    public void Norm1(int i) => _norm.Forward(X, T1);

    public void Fc1Gelu(int i) => _fc1Fused[i].Forward(T1, T2);

    public void Fc1(int i) => _fc1[i].Forward(T1, T2);

    public void Gelu(int i) => _gelu.Forward(T2, T2);

    public void Fc2(int i) => _fc2[i].Forward(T2, T1);

    public void Norm2Residual(int i) => _normResidual.Forward(T1, X, X);

    public void Norm2(int i) => _norm.Forward(T1, T1);

    public void Add(int i) => GpuElementwise.Add(_gpu, X, T1, X);

    public void Dispose()
    {
        foreach (IDisposable layer in new IDisposable[] { _norm, _normResidual, _gelu, _input, _x, _t1, _t2 })
        {
            layer.Dispose();
        }

        Array.ForEach(_fc1Fused, layer => layer.Dispose());
        Array.ForEach(_fc1, layer => layer.Dispose());
        Array.ForEach(_fc2, layer => layer.Dispose());
    }
}
