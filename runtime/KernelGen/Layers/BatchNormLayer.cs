using System;
using System.Collections.Generic;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// The base of every generated batch normalization (<see cref="BatchNorm1dAttribute"/>,
/// <see cref="BatchNorm2dAttribute"/>), with one semantics on every backend (docs/layers/batchnorm.md):
/// <see cref="Forward(ReadOnlySpan{float}, Span{float}, int, int, CpuExecutionOptions?)"/> (inference) uses the running
/// statistics and never changes any state; <see cref="ForwardTraining(ReadOnlySpan{float}, Span{float}, int, int, CpuExecutionOptions?)"/>
/// normalizes with the batch's biased variance and updates the running variance with the unbiased one
/// (PyTorch's convention), and refuses a batch with one value per channel instead of producing NaN.
/// </summary>
public abstract class BatchNormLayer : Module
{
    private readonly float[] _state;
    private readonly DeviceCopy<GpuBatchNormLayer> _deviceCopy;

    /// <summary>Creates the layer with PyTorch's initial state (weight 1, bias 0, running mean 0, running variance 1).</summary>
    /// <param name="numFeatures">The declared channels C.</param>
    /// <param name="epsilon">The declared ε.</param>
    /// <param name="momentum">The declared momentum.</param>
    /// <param name="affine">Whether weight and bias apply.</param>
    /// <param name="spatialDims">1 for BatchNorm1d ((N, C) or (N, C, L)), 2 for BatchNorm2d ((N, C, H, W)).</param>
    protected BatchNormLayer(int numFeatures, float epsilon, float momentum, bool affine, int spatialDims)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numFeatures, 1);
        NumFeatures = numFeatures;
        Epsilon = epsilon;
        Momentum = momentum;
        Affine = affine;
        SpatialDims = spatialDims;
        _state = new float[BatchNormKernels.StateParts * numFeatures];
        Part(BatchNormKernels.Weight).Fill(1f);
        Part(BatchNormKernels.RunningVar).Fill(1f);
        _deviceCopy = new(device => new GpuBatchNormLayer(device, this));
    }

    /// <summary>The channels C.</summary>
    public int NumFeatures { get; }

    /// <summary>The ε added to a variance.</summary>
    public float Epsilon { get; }

    /// <summary>The weight of a batch's statistics in the running statistics.</summary>
    public float Momentum { get; }

    /// <summary>Whether weight and bias apply.</summary>
    public bool Affine { get; }

    /// <summary>1 for BatchNorm1d, 2 for BatchNorm2d.</summary>
    public int SpatialDims { get; }

    /// <summary>The weight, <c>[C]</c>.</summary>
    public ReadOnlySpan<float> Weight => Part(BatchNormKernels.Weight);

    /// <summary>The bias, <c>[C]</c>.</summary>
    public ReadOnlySpan<float> Bias => Part(BatchNormKernels.Bias);

    /// <summary>The running mean, <c>[C]</c>.</summary>
    public ReadOnlySpan<float> RunningMean => Part(BatchNormKernels.RunningMean);

    /// <summary>The running (unbiased) variance, <c>[C]</c>.</summary>
    public ReadOnlySpan<float> RunningVar => Part(BatchNormKernels.RunningVar);

    /// <summary>How many training batches updated the running statistics.</summary>
    public long NumBatchesTracked { get; private set; }

    internal float[] State => _state;

    /// <summary>Sets the weight, bias and running statistics (PyTorch's state-dict entries).</summary>
    /// <exception cref="ArgumentException">A length is not C.</exception>
    public void SetState(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVar, long numBatchesTracked = 0)
    {
        Check(weight, nameof(weight));
        Check(bias, nameof(bias));
        Check(runningMean, nameof(runningMean));
        Check(runningVar, nameof(runningVar));
        weight.CopyTo(Part(BatchNormKernels.Weight));
        bias.CopyTo(Part(BatchNormKernels.Bias));
        runningMean.CopyTo(Part(BatchNormKernels.RunningMean));
        runningVar.CopyTo(Part(BatchNormKernels.RunningVar));
        NumBatchesTracked = numBatchesTracked;
        OnStateChanged();
    }

    /// <summary>
    /// Inference: normalizes an <c>(N, C, S)</c> input (S = L, or H·W, or 1 for (N, C)) with the running
    /// statistics. Changes nothing in the layer. Each value's output depends only on it and its channel's
    /// state, so a sample's bits never depend on the batch.
    /// </summary>
    /// <param name="input">The input, <c>batch × C × spatial</c> values.</param>
    /// <param name="output">As many values; may be the same memory as <paramref name="input"/>.</param>
    /// <param name="batch">N.</param>
    /// <param name="spatial">S.</param>
    /// <param name="options">The SIMD path (it never changes the bits); the pass runs on the calling thread.</param>
    /// <exception cref="ArgumentException">A length does not match <c>batch × C × spatial</c>.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int spatial, CpuExecutionOptions? options = null)
    {
        CheckShape(input.Length, output.Length, batch, spatial);
        SimdPath path = SimdPaths.Resolve((options ?? CpuExecutionOptions.Default).SimdPath);
        BatchNormKernels.NormalizeAll(path, input, output, RunningMean, RunningVar, Weight, Bias, Epsilon, Affine, spatial);
    }

    /// <summary>
    /// Training: normalizes with each channel's batch mean and biased variance over its
    /// <c>N × S</c> values, then updates the running statistics (running variance from the unbiased
    /// variance) and <see cref="NumBatchesTracked"/>.
    /// </summary>
    /// <param name="input">The input, <c>batch × C × spatial</c> values.</param>
    /// <param name="output">As many values; may be the same memory as <paramref name="input"/>.</param>
    /// <param name="batch">N.</param>
    /// <param name="spatial">S.</param>
    /// <param name="options">The SIMD path (it never changes the bits); the pass runs on the calling thread.</param>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    /// <exception cref="InvalidOperationException">A channel has only one value (<c>N × S = 1</c>): its variance is undefined.</exception>
    [BatchStatistics]
    public void ForwardTraining(ReadOnlySpan<float> input, Span<float> output, int batch, int spatial, CpuExecutionOptions? options = null)
    {
        CheckShape(input.Length, output.Length, batch, spatial);
        CheckTrainingCount(batch, spatial);
        SimdPath path = SimdPaths.Resolve((options ?? CpuExecutionOptions.Default).SimdPath);
        BatchNormKernels.Statistics(path, input, _state, batch, spatial, NumFeatures, Momentum);
        NumBatchesTracked++;
        _deviceCopy.Release(); // the running statistics changed
        BatchNormKernels.NormalizeAll(path, input, output, Part(BatchNormKernels.BatchMean), Part(BatchNormKernels.BatchVar), Weight, Bias, Epsilon, Affine, spatial);
    }

    /// <summary>
    /// Inference on a tensor, on the device it lives on: <c>(N, C)</c> or <c>(N, C, L)</c> for BatchNorm1d,
    /// <c>(N, C, H, W)</c> for BatchNorm2d. The output has the input's shape and device (owned by the current
    /// <see cref="TensorScope"/>, if any) and the same bits on every device.
    /// </summary>
    public Tensor Forward(Tensor input, CpuExecutionOptions? options = null)
    {
        (int batch, int spatial) = ShapeOf(input);
        GpuDevice? gpu = input.Gpu;
        Tensor output = Tensor.Allocate(input.Device, [.. input.Shape]);
        if (gpu is null)
        {
            Forward(input.Span, output.Span, batch, spatial, options);
        }
        else
        {
            _deviceCopy.On(gpu).Forward(input.View, output.View, spatial);
        }

        return output;
    }

    /// <summary>Training on a tensor; see <see cref="ForwardTraining(ReadOnlySpan{float}, Span{float}, int, int, CpuExecutionOptions?)"/>.</summary>
    /// <exception cref="NotSupportedException">The input lives on a GPU: train there with <see cref="ToGpu"/>'s span methods.</exception>
    [BatchStatistics]
    public Tensor ForwardTraining(Tensor input, CpuExecutionOptions? options = null)
    {
        (int batch, int spatial) = ShapeOf(input);
        if (input.Gpu is not null)
        {
            throw new NotSupportedException(
                $"ForwardTraining of {GetType().Name} takes host tensors; {input} lives on a GPU. Use ToGpu(device).ForwardTraining on spans, or To(Device.Cpu).");
        }

        Tensor output = new([.. input.Shape]);
        ForwardTraining(input.Span, output.Span, batch, spatial, options);
        return output;
    }

    /// <summary>Copies the state to <paramref name="device"/>; see <see cref="GpuBatchNormLayer"/> for how the running statistics stay in step.</summary>
    public GpuBatchNormLayer ToGpu(GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new GpuBatchNormLayer(device, this);
    }

    /// <summary>Loads the generated GPU kernels (CudaMath on CUDA, CpuMath elsewhere). Only generated code implements it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract BatchNormGpuKernels LoadGpuKernels(Accelerator accelerator);

    internal BatchNormGpuKernels LoadGpuKernelsCore(Accelerator accelerator) => LoadGpuKernels(accelerator);

    internal void AfterDeviceTraining(ReadOnlySpan<float> state)
    {
        state.CopyTo(_state);
        NumBatchesTracked++;
        _deviceCopy.Release();
    }

    /// <inheritdoc/>
    internal override void CollectState(List<StateSlot> slots)
    {
        if (Affine)
        {
            slots.Add(StateSlot.Float(this, "weight", StatePart(BatchNormKernels.Weight), isBuffer: false, NumFeatures));
            slots.Add(StateSlot.Float(this, "bias", StatePart(BatchNormKernels.Bias), isBuffer: false, NumFeatures));
        }

        slots.Add(StateSlot.Float(this, "running_mean", StatePart(BatchNormKernels.RunningMean), isBuffer: true, NumFeatures));
        slots.Add(StateSlot.Float(this, "running_var", StatePart(BatchNormKernels.RunningVar), isBuffer: true, NumFeatures));
        slots.Add(StateSlot.Int64Scalar(this, "num_batches_tracked", () => NumBatchesTracked, value => NumBatchesTracked = value));
    }

    /// <inheritdoc/>
    internal override void OnStateChanged() => _deviceCopy.Release();

    /// <inheritdoc/>
    internal override void OnDeviceChanged(IReadOnlyList<Device> devices) => _deviceCopy.MoveTo(devices);

    internal void CheckShape(long input, long output, int batch, int spatial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(spatial, 1);
        long expected = (long)batch * NumFeatures * spatial;
        if (input != expected)
        {
            throw new ArgumentException($"input has {input} values; batch {batch} × {NumFeatures} channels × spatial {spatial} needs {expected}.", nameof(input));
        }

        if (output != expected)
        {
            throw new ArgumentException($"output has {output} values; it needs as many as the input: {expected}.", nameof(output));
        }
    }

    internal void CheckTrainingCount(int batch, int spatial)
    {
        if ((long)batch * spatial <= 1)
        {
            throw new InvalidOperationException(
                $"Expected more than 1 value per channel when training: an input of batch {batch} × {NumFeatures} channels × spatial {spatial} has {(long)batch * spatial} value per channel, " +
                "whose variance is undefined. Train with a larger batch or spatial size, or use Forward (inference).");
        }
    }

    private (int Batch, int Spatial) ShapeOf(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool rankOk = SpatialDims == 1 ? input.Rank is 2 or 3 : input.Rank == 4;
        if (!rankOk || input.Shape[1] != NumFeatures)
        {
            string needed = SpatialDims == 1 ? $"(N, {NumFeatures}) or (N, {NumFeatures}, L)" : $"(N, {NumFeatures}, H, W)";
            throw new ArgumentException($"input has shape {input.ShapeString}; a {GetType().Name} needs {needed}.", nameof(input));
        }

        int spatial = 1;
        for (int i = 2; i < input.Rank; i++)
        {
            spatial *= input.Shape[i];
        }

        return (input.Shape[0], Math.Max(1, spatial));
    }

    private Memory<float> StatePart(int part) => _state.AsMemory(part * NumFeatures, NumFeatures);

    private Span<float> Part(int part) => _state.AsSpan(part * NumFeatures, NumFeatures);

    private void Check(ReadOnlySpan<float> values, string name)
    {
        if (values.Length != NumFeatures)
        {
            throw new ArgumentException($"{name} has {values.Length} values; a {GetType().Name} needs [{NumFeatures}] = {NumFeatures}.", name);
        }
    }
}
