using System;
using System.ComponentModel;
using System.Linq;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Generated;

namespace KernelGen;

/// <summary>
/// The base of every generated attention layer (<see cref="AttentionAttribute"/>): scaled dot-product
/// attention over <see cref="Heads"/> heads, with a causal mask, per-sequence padding (valid lengths)
/// and decoding from a <see cref="KvCache"/>. The order of every sum is in <see cref="AttentionKernels"/>;
/// a row's output depends only on its own query and the keys and values it may see, never on the batch,
/// the padding, the thread count or the device.
/// </summary>
public abstract class AttentionLayer : Module
{
    private readonly DeviceCopy<GpuAttentionLayer> _deviceCopy;

    /// <summary>A second thread runs only for at least this many multiply-adds per thread: below it, handing work over costs more than it saves.</summary>
    private const long MinMultiplyAddsPerThread = 1L << 20;

    /// <summary>Creates the layer; called by the generated constructor.</summary>
    /// <param name="heads">The declared number of heads.</param>
    /// <param name="headDim">The declared head length.</param>
    protected AttentionLayer(int heads, int headDim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(heads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(headDim, 1);
        Heads = heads;
        HeadDim = headDim;
        Width = checked(heads * headDim);
        Scale = 1f / MathF.Sqrt(headDim); // both correctly rounded: the same float everywhere
        _deviceCopy = new(device => new GpuAttentionLayer(device, this));
    }

    /// <summary>The number of heads.</summary>
    public int Heads { get; }

    /// <summary>The length of a head's query, key and value.</summary>
    public int HeadDim { get; }

    /// <summary>The length of a query, key, value or output row: <see cref="Heads"/> × <see cref="HeadDim"/>.</summary>
    public int Width { get; }

    /// <summary>The score scale, <c>1 / √HeadDim</c> rounded to float.</summary>
    public float Scale { get; }

    /// <summary>
    /// Attention of every query row over its sequence's keys. <paramref name="q"/>, <paramref name="k"/>,
    /// <paramref name="v"/> and <paramref name="output"/> are <c>[batch, sequence, Width]</c>.
    /// </summary>
    /// <param name="q">Queries.</param>
    /// <param name="k">Keys.</param>
    /// <param name="v">Values.</param>
    /// <param name="output">Receives the outputs.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="sequence">Positions per sequence.</param>
    /// <param name="causal">Whether position i sees only keys 0..i.</param>
    /// <param name="validLengths">Real tokens per sequence (keys at later positions are masked); empty means all.</param>
    /// <param name="options">Threads and SIMD path; they never change the bits.</param>
    /// <exception cref="ArgumentException">A length does not match, or a valid length is outside [0, sequence].</exception>
    public void Forward(
        ReadOnlySpan<float> q,
        ReadOnlySpan<float> k,
        ReadOnlySpan<float> v,
        Span<float> output,
        int batch,
        int sequence,
        bool causal,
        ReadOnlySpan<int> validLengths = default,
        CpuExecutionOptions? options = null)
    {
        int[] valid = CheckForward(q.Length, k.Length, v.Length, output.Length, batch, sequence, validLengths);
        var shape = new AttentionShape(batch, sequence, sequence, 0, causal ? 1 : 0);
        Run(q, k, v, output, valid, shape, options ?? CpuExecutionOptions.Default);
    }

    /// <summary>
    /// Attention on tensors of shape <c>(batch, sequence, Width)</c>, on the device they live on: the output has the
    /// same shape and device (owned by the current <see cref="TensorScope"/>, if any) and the same bits on every
    /// device. On a GPU the valid lengths and the probabilities' scratch come from the device's pool, and the
    /// kernel is queued without waiting.
    /// </summary>
    /// <param name="q">Queries.</param>
    /// <param name="k">Keys.</param>
    /// <param name="v">Values.</param>
    /// <param name="causal">Whether position i sees only keys 0..i.</param>
    /// <param name="validLengths">Real tokens per sequence; empty means all.</param>
    /// <param name="options">Threads and SIMD path of the CPU kernels; they never change the bits (unused on a GPU).</param>
    /// <exception cref="ArgumentException">A shape does not match, the tensors live on different devices, or a valid length is outside [0, sequence].</exception>
    public Tensor Forward(Tensor q, Tensor k, Tensor v, bool causal, ReadOnlySpan<int> validLengths = default, CpuExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        if (q.Rank != 3 || q.Shape[2] != Width)
        {
            throw new ArgumentException($"q has shape {q.ShapeString}; attention needs (batch, sequence, {Width}).", nameof(q));
        }

        GpuDevice? gpu = q.Gpu;
        foreach ((Tensor operand, string name) in new[] { (k, nameof(k)), (v, nameof(v)) })
        {
            operand.ThrowIfDisposed();
            Tensor.CheckSameDevice(q.Device, operand, name);
            if (!operand.Shape.SequenceEqual(q.Shape))
            {
                throw new ArgumentException($"{name} has shape {operand.ShapeString}; it needs the shape of q: {q.ShapeString}.", name);
            }
        }

        int batch = q.Shape[0], sequence = q.Shape[1];
        int[] valid = CheckForward(q.Length, k.Length, v.Length, q.Length, batch, sequence, validLengths);
        Tensor output = Tensor.Allocate(q.Device, [batch, sequence, Width]);
        if (gpu is null)
        {
            Forward(q.Span, k.Span, v.Span, output.Span, batch, sequence, causal, valid, options);
        }
        else
        {
            _deviceCopy.On(gpu).Forward(q.View, k.View, v.View, output.View, batch, sequence, causal, valid);
        }

        return output;
    }

    /// <summary>
    /// The decode step: attention of the newest position (<c>cache.Length − 1</c>) over every cached
    /// position, giving exactly the bits of that row in a causal <see cref="Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, bool, ReadOnlySpan{int}, CpuExecutionOptions?)"/> of the sequence.
    /// Append the position's key and value to <paramref name="cache"/> first.
    /// </summary>
    /// <param name="q">The newest position's query, <see cref="Width"/> values.</param>
    /// <param name="cache">The sequence's keys and values so far, including the newest position.</param>
    /// <param name="output">Receives <see cref="Width"/> values.</param>
    /// <param name="options">Threads and SIMD path; they never change the bits.</param>
    /// <exception cref="ArgumentException">A length does not match, or the cache is empty or of another width.</exception>
    public void Decode(ReadOnlySpan<float> q, KvCache cache, Span<float> output, CpuExecutionOptions? options = null)
    {
        CheckDecode(q.Length, cache, output.Length);
        var shape = new AttentionShape(1, 1, cache.Length, cache.Length - 1, 1);
        Run(q, cache.Keys, cache.Values, output, [cache.Length], shape, options ?? CpuExecutionOptions.Default);
    }

    /// <summary>Returns the layer on <paramref name="device"/>.</summary>
    public GpuAttentionLayer ToGpu(GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new GpuAttentionLayer(device, this);
    }

    /// <summary>Loads the generated GPU kernel (CudaMath on CUDA, CpuMath elsewhere). Only generated code implements it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, AttentionShape> LoadGpuKernel(Accelerator accelerator);

    internal Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, AttentionShape> LoadGpuKernelCore(Accelerator accelerator) =>
        LoadGpuKernel(accelerator);

    internal int[] CheckForward(long q, long k, long v, long output, int batch, int sequence, ReadOnlySpan<int> validLengths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        long expected = (long)batch * sequence * Width;
        foreach ((string name, long length) in new[] { ("q", q), ("k", k), ("v", v), ("output", output) })
        {
            if (length != expected)
            {
                throw new ArgumentException($"{name} has {length} values; batch {batch} × sequence {sequence} needs [{batch}, {sequence}, {Width}] = {expected}.", name);
            }
        }

        if (!validLengths.IsEmpty && validLengths.Length != batch)
        {
            throw new ArgumentException($"validLengths has {validLengths.Length} values; it needs one per sequence: {batch}, or none.", nameof(validLengths));
        }

        var valid = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            valid[b] = validLengths.IsEmpty ? sequence : validLengths[b];
            if ((uint)valid[b] > (uint)sequence)
            {
                throw new ArgumentException($"validLengths[{b}] is {valid[b]}; it must be in [0, {sequence}].", nameof(validLengths));
            }
        }

        return valid;
    }

    internal void CheckDecode(int q, KvCache cache, int output)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (cache.Width != Width)
        {
            throw new ArgumentException($"cache has rows of {cache.Width} values; this layer's rows are {Width} ({Heads} heads × {HeadDim}).", nameof(cache));
        }

        if (cache.Length == 0)
        {
            throw new ArgumentException("cache is empty; append the newest position's key and value before decoding it.", nameof(cache));
        }

        if (q != Width)
        {
            throw new ArgumentException($"q has {q} values; a decode step needs one row of {Width}.", nameof(q));
        }

        if (output != Width)
        {
            throw new ArgumentException($"output has {output} values; a decode step needs one row of {Width}.", nameof(output));
        }
    }

    private unsafe void Run(ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, Span<float> output, int[] valid, AttentionShape shape, CpuExecutionOptions options)
    {
        if (shape.Batch == 0 || shape.Queries == 0)
        {
            return;
        }

        SimdPath path = SimdPaths.Resolve(options.SimdPath);
        long multiplyAdds = 2L * shape.Batch * Heads * shape.Queries * shape.Keys * HeadDim; // QKᵀ and PV, before masking
        int threads = (int)Math.Clamp(multiplyAdds / MinMultiplyAddsPerThread, 1, options.EffectiveDegreeOfParallelism);
        fixed (float* qp = q, kp = k, vp = v, op = output)
        {
            var work = new Work(path, new AttentionCpuCall(qp, kp, vp, op, Heads, HeadDim, Scale, shape, valid, threads));
            int items = work.Call.Items;
            CpuWorkers.ForRanges(items, Math.Max(1, items / (threads * AttentionCpuCall.ItemsPerThread)), threads, work.Run);
        }
    }

    /// <summary>One forward pass on one SIMD path, shared by the threads.</summary>
    private readonly struct Work(SimdPath path, AttentionCpuCall call)
    {
        public AttentionCpuCall Call => call;

        public void Run(int firstItem, int endItem) => AttentionCpuKernel.Items(path, call, firstItem, endItem);
    }
}
