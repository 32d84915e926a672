using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace KernelGen;

/// <summary>
/// The base of every generated embedding table (<see cref="EmbeddingAttribute"/>). The weight starts
/// at zero (<see cref="SetParameters"/> or <see cref="EmbeddingLayerSafetensors"/> set it); an output
/// row is an exact copy of the weight row its id selects, so there is no arithmetic to order.
/// </summary>
public abstract class EmbeddingLayer : Module
{
    private readonly float[] _weight;
    private readonly DeviceCopy<GpuEmbeddingLayer> _deviceCopy;

    /// <summary>Creates the table with every value zero; called by the generated constructor.</summary>
    /// <param name="numEmbeddings">The declared number of ids.</param>
    /// <param name="embeddingDim">The declared row length.</param>
    /// <param name="paddingIndex">The declared padding id, or −1.</param>
    protected EmbeddingLayer(int numEmbeddings, int embeddingDim, int paddingIndex)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numEmbeddings, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingDim, 1);
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIndex = paddingIndex;
        _weight = new float[checked(numEmbeddings * embeddingDim)];
        _deviceCopy = new(device => new GpuEmbeddingLayer(device, this));
    }

    /// <summary>The number of ids.</summary>
    public int NumEmbeddings { get; }

    /// <summary>The length of a row.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The padding id, or −1.</summary>
    public int PaddingIndex { get; }

    /// <summary>The table, <c>[NumEmbeddings, EmbeddingDim]</c> row-major.</summary>
    public ReadOnlySpan<float> Weight => _weight;

    internal float[] WeightArray => _weight;

    /// <summary>Sets the table.</summary>
    /// <param name="weight"><c>[NumEmbeddings, EmbeddingDim]</c> values, row-major.</param>
    /// <exception cref="ArgumentException">The length does not match the declared shape.</exception>
    public void SetParameters(ReadOnlySpan<float> weight)
    {
        if (weight.Length != _weight.Length)
        {
            throw new ArgumentException(
                $"weight has {weight.Length} values; a {GetType().Name} needs [{NumEmbeddings}, {EmbeddingDim}] = {_weight.Length}.", nameof(weight));
        }

        weight.CopyTo(_weight);
        OnStateChanged();
    }

    /// <summary>Writes the row of each id to <paramref name="output"/>.</summary>
    /// <param name="ids">Ids in [0, <see cref="NumEmbeddings"/>).</param>
    /// <param name="output"><c>[ids.Length, EmbeddingDim]</c> values.</param>
    /// <exception cref="ArgumentException">The output length does not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the table; nothing is written.</exception>
    public void Forward(ReadOnlySpan<int> ids, Span<float> output)
    {
        CheckOutput(ids.Length, output.Length);
        CheckIds(ids);
        for (int i = 0; i < ids.Length; i++)
        {
            _weight.AsSpan(ids[i] * EmbeddingDim, EmbeddingDim).CopyTo(output.Slice(i * EmbeddingDim, EmbeddingDim));
        }
    }

    /// <summary>Returns <c>[ids.Length, EmbeddingDim]</c> values: the row of each id.</summary>
    public float[] Forward(ReadOnlySpan<int> ids)
    {
        var output = new float[checked(ids.Length * EmbeddingDim)];
        Forward(ids, output);
        return output;
    }

    /// <summary>
    /// The rows of <paramref name="ids"/> as a tensor of shape <c>(…shape, EmbeddingDim)</c> on <paramref name="device"/>
    /// (owned by the current <see cref="TensorScope"/>, if any): the ids are checked on the host, then on a GPU
    /// copied into pooled device memory and gathered there from the table uploaded on first use (or by <c>To(gpu)</c>).
    /// </summary>
    /// <param name="ids">Ids in [0, <see cref="NumEmbeddings"/>), row-major.</param>
    /// <param name="device">Where the output lives.</param>
    /// <param name="shape">The shape of <paramref name="ids"/>, for example <c>(batch, sequence)</c>; empty means <c>(ids.Length)</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="shape"/> does not hold <c>ids.Length</c> values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the table.</exception>
    public Tensor Forward(ReadOnlySpan<int> ids, Device device, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(device);
        int[] idShape = shape is null || shape.Length == 0 ? [ids.Length] : shape;
        if (Tensor.CheckedLength(idShape, nameof(shape)) != ids.Length)
        {
            throw new ArgumentException($"shape {Tensor.FormatShape(idShape)} does not hold the {ids.Length} ids.", nameof(shape));
        }

        CheckIds(ids);
        Tensor output = Tensor.Allocate(device, [.. idShape, EmbeddingDim]);
        if (device is GpuDevice gpu)
        {
            using var scratch = new PooledScratch(gpu, ids.Length, "the ids");
            ArrayView<int> deviceIds = scratch.Ints(ids.Length);
            deviceIds.CopyFromCPU(gpu.Accelerator.DefaultStream, ids);
            _deviceCopy.On(gpu).Forward(deviceIds, output.View);
        }
        else
        {
            Forward(ids, output.Span);
        }

        return output;
    }

    /// <summary>
    /// Learned position embeddings for <paramref name="batch"/> sequences of <paramref name="sequence"/> positions:
    /// the rows 0, 1, …, <paramref name="sequence"/> − 1 of the table for each sequence, as a tensor of shape
    /// <c>(batch, sequence, EmbeddingDim)</c> on <paramref name="device"/>; <see cref="Forward(ReadOnlySpan{int}, Device, int[])"/>
    /// on those ids, without an id array of the caller's.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> or <paramref name="sequence"/> is below 1, or
    /// <paramref name="sequence"/> exceeds <see cref="NumEmbeddings"/>.</exception>
    public Tensor ForwardPositions(Device device, int batch, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, NumEmbeddings);
        int rows = checked(batch * sequence);
        int[] positions = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            for (int r = 0; r < rows; r++)
            {
                positions[r] = r % sequence;
            }

            return Forward(positions.AsSpan(0, rows), device, batch, sequence);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(positions);
        }
    }

    /// <summary>Copies the table to <paramref name="device"/> and returns the layer that runs there.</summary>
    public GpuEmbeddingLayer ToGpu(GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new GpuEmbeddingLayer(device, this);
    }

    /// <summary>Loads the gather kernel on <paramref name="accelerator"/>; generated with the declared row length as a constant. Only generated code implements it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract Action<Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>> LoadGpuKernel(Accelerator accelerator);

    internal Action<Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>> LoadGpuKernelCore(Accelerator accelerator) => LoadGpuKernel(accelerator);

    /// <inheritdoc/>
    internal override void CollectState(List<StateSlot> slots) =>
        slots.Add(StateSlot.Float(this, "weight", _weight, isBuffer: false, NumEmbeddings, EmbeddingDim));

    /// <inheritdoc/>
    internal override void OnStateChanged() => _deviceCopy.Release();

    /// <inheritdoc/>
    internal override void OnDeviceChanged(IReadOnlyList<Device> devices) => _deviceCopy.MoveTo(devices);

    internal void CheckOutput(long ids, long outputLength)
    {
        long expected = ids * EmbeddingDim;
        if (outputLength != expected)
        {
            throw new ArgumentException($"output has {outputLength} values; {ids} ids need [{ids}, {EmbeddingDim}] = {expected}.", "output");
        }
    }

    internal void CheckIds(ReadOnlySpan<int> ids)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            if ((uint)ids[i] >= (uint)NumEmbeddings)
            {
                throw new ArgumentOutOfRangeException("ids", ids[i], $"ids[{i}] is {ids[i]}; it must be in [0, {NumEmbeddings}).");
            }
        }
    }

    /// <summary>The gather step of the generated kernel: output element <paramref name="index"/> is <c>weight[ids[index / dim], index % dim]</c>. Only generated code calls it.</summary>
    /// <param name="index">The output element.</param>
    /// <param name="ids">The ids (checked on the host for span calls).</param>
    /// <param name="weight">The table.</param>
    /// <param name="output">The output.</param>
    /// <param name="embeddingDim">The declared row length.</param>
    /// <param name="numEmbeddings">The declared number of ids; an id outside the table writes the canonical NaN instead of reading out of bounds.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Gather(Index1D index, ArrayView<int> ids, ArrayView<float> weight, ArrayView<float> output, int embeddingDim, int numEmbeddings)
    {
        long row = index / embeddingDim;
        int column = (int)(index % embeddingDim);
        int id = ids[row];
        output[index] = (uint)id < (uint)numEmbeddings ? weight[((long)id * embeddingDim) + column] : DetMath.CanonicalNaN;
    }
}
