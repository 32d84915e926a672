using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// A linear layer whose output columns are split over devices, for a layer too large for one: shard i holds only
/// its columns' rows of the weight (and of the bias) on its device, and the outputs are put side by side in every
/// row. Each output is still one FMA chain over all of k, then the bias, then the activation, so the bits are those
/// of the unsplit layer on any device.
/// </summary>
/// <remarks>
/// <para>The shards are generated layers of the source's <see cref="LinearLayer.InFeatures"/>, <see cref="LinearLayer.HasBias"/>,
/// <see cref="LinearLayer.Activation"/> and <see cref="LinearLayer.Arithmetic"/>, whose <see cref="LinearLayer.OutFeatures"/> add up to the source's: shard 0
/// takes the first columns, shard 1 the next, and so on; a split need not fall on a tile boundary.</para>
/// <para>k is never split: a shard with fewer input features than the source is refused. Summing partial dot
/// products from several devices would change each output's chain, and its bits.</para>
/// <para>The shards get a copy of the source's parameters when this is made, as <see cref="LinearLayer.ToGpu"/> does: later
/// changes to the source do not reach them. Each shard's output goes to the host, where the rows are put together.</para>
/// </remarks>
/// <example>
/// <code>
/// [Linear(1024, 4096)] partial class Up;            // the layer
/// [Linear(1024, 2048)] partial class UpHalf;        // the shape of one shard
///
/// var split = new ColumnParallelLinear(up, [new UpHalf(), new UpHalf()], [gpu0, gpu1]);
/// Tensor y = split.Forward(x);                       // the bits of up.Forward(x)
/// </code>
/// </example>
public sealed class ColumnParallelLinear
{
    private readonly LinearLayer _source;
    private readonly LinearLayer[] _shards;
    private readonly Device[] _devices;
    private readonly int[] _columnStarts;

    /// <summary>
    /// Copies each shard's columns of <paramref name="source"/> into it (weight rows and bias entries) and moves
    /// shard i to <paramref name="devices"/>[i].
    /// </summary>
    /// <param name="source">The layer to split; it keeps its own parameters.</param>
    /// <param name="shards">Layers of the source's input features, bias and activation, whose output features add up to the source's.</param>
    /// <param name="devices">One distinct, open device per shard.</param>
    /// <exception cref="ArgumentException">
    /// The shards do not fit the source (another input length, bias or activation; too many; columns that do not add up;
    /// a shard twice), or the devices are empty, fewer or more than the shards, repeated or disposed.
    /// </exception>
    public ColumnParallelLinear(LinearLayer source, IReadOnlyList<LinearLayer> shards, IReadOnlyList<Device> devices)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(shards);
        _shards = CheckShards(source, shards);
        _devices = DeviceList.Check(devices, nameof(devices));
        if (_devices.Length != _shards.Length)
        {
            throw new ArgumentException(
                $"devices has {_devices.Length} device(s); it needs one per shard, {_shards.Length}.", nameof(devices));
        }

        _source = source;
        _columnStarts = new int[_shards.Length];
        int k = source.InFeatures;
        int start = 0;
        for (int i = 0; i < _shards.Length; i++)
        {
            LinearLayer shard = _shards[i];
            int columns = shard.OutFeatures;
            _columnStarts[i] = start;
            shard.SetParameters(
                source.Weight.Slice(start * k, columns * k),
                source.HasBias ? source.Bias.Slice(start, columns) : ReadOnlySpan<float>.Empty);
            shard.To(_devices[i]);
            start += columns;
        }

        Shards = Array.AsReadOnly(_shards);
        Devices = Array.AsReadOnly(_devices);
    }

    /// <summary>The length of an input row (every shard's, whole).</summary>
    public int InFeatures => _source.InFeatures;

    /// <summary>The length of an output row: the shards' columns together.</summary>
    public int OutFeatures => _source.OutFeatures;

    /// <summary>The shards, in column order.</summary>
    public IReadOnlyList<LinearLayer> Shards { get; }

    /// <summary>The device of each shard.</summary>
    public IReadOnlyList<Device> Devices { get; }

    /// <summary>
    /// Applies the layer to the last dimension of <paramref name="input"/>: every shard computes its columns on its
    /// device, at the same time, and the result, <c>(…, OutFeatures)</c>, is put together on <paramref name="input"/>'s
    /// device (owned by the current <see cref="TensorScope"/>, if any), with the bits of the unsplit layer.
    /// </summary>
    /// <param name="input">Rows of <see cref="InFeatures"/> values.</param>
    /// <exception cref="ArgumentException">The input's last dimension is not <see cref="InFeatures"/>.</exception>
    /// <exception cref="ObjectDisposedException">The input or a device was disposed.</exception>
    public Tensor Forward(Tensor input)
    {
        int[] outputShape = _source.OutputShapeFor(input);
        input.ThrowIfDisposed();
        int rows = input.RowCount;
        int width = OutFeatures;

        // A GPU input is read once, here, for the shards on other devices: no two threads copy from one device at once.
        Tensor? onHost = input.Device is GpuDevice && Array.Exists(_devices, device => !ReferenceEquals(device, input.Device))
            ? input.To(Device.Cpu)
            : null;
        var pieces = new float[_shards.Length][];
        var jobs = new (Device, Action)[_shards.Length];
        for (int i = 0; i < _shards.Length; i++)
        {
            int shard = i;
            Device device = _devices[shard];
            jobs[shard] = (device, () =>
            {
                using var scope = TensorScope.Begin();
                Tensor local = (onHost is null || ReferenceEquals(device, input.Device) ? input : onHost).To(device);
                pieces[shard] = _shards[shard].Forward(local).ToArray();
            });
        }

        ShardRunner.Run(jobs);
        var values = new float[checked(rows * width)];
        for (int i = 0; i < _shards.Length; i++)
        {
            int columns = _shards[i].OutFeatures;
            for (int row = 0; row < rows; row++)
            {
                pieces[i].AsSpan(row * columns, columns).CopyTo(values.AsSpan((row * width) + _columnStarts[i], columns));
            }
        }

        return Tensor.FromHost(values, outputShape, input.Device);
    }

    private static LinearLayer[] CheckShards(LinearLayer source, IReadOnlyList<LinearLayer> shards)
    {
        string name = source.GetType().Name;
        if (shards.Count == 0)
        {
            throw new ArgumentException("shards is empty; it needs at least one layer.", nameof(shards));
        }

        if (shards.Count > source.OutFeatures)
        {
            throw new ArgumentException(
                $"shards has {shards.Count} layers; {name} has {source.OutFeatures} output column(s), and each shard needs at least one, so it allows at most {source.OutFeatures}.",
                nameof(shards));
        }

        var checkedShards = new LinearLayer[shards.Count];
        long columns = 0;
        for (int i = 0; i < shards.Count; i++)
        {
            LinearLayer? shard = shards[i];
            if (shard is null)
            {
                throw new ArgumentException($"shards[{i}] is null; it needs a layer.", nameof(shards));
            }

            string got = $"shards[{i}] is a {shard.GetType().Name}";
            if (shard.InFeatures != source.InFeatures)
            {
                throw new ArgumentException(
                    $"{got} with InFeatures {shard.InFeatures}; it needs {name}'s InFeatures, {source.InFeatures}, whole: " +
                    "shards split the output columns, never k (a sum of partial dot products would change the FMA chain, and the bits).",
                    nameof(shards));
            }

            if (shard.HasBias != source.HasBias)
            {
                throw new ArgumentException(
                    $"{got} {(shard.HasBias ? "with" : "without")} a bias; it needs to match {name}, {(source.HasBias ? "with" : "without")} one.",
                    nameof(shards));
            }

            if (shard.Activation != source.Activation)
            {
                throw new ArgumentException(
                    $"{got} with activation {Describe(shard.Activation)}; it needs {name}'s, {Describe(source.Activation)}.", nameof(shards));
            }

            if (shard.Arithmetic != source.Arithmetic)
            {
                throw new ArgumentException(
                    $"{got} of arithmetic {shard.ArithmeticName}; it needs {name}'s, {source.ArithmeticName} (tiers are never mixed).", nameof(shards));
            }

            if (ReferenceEquals(shard, source))
            {
                throw new ArgumentException($"{got}, the layer being split; it needs a layer of its own.", nameof(shards));
            }

            int earlier = Array.FindIndex(checkedShards, 0, i, candidate => ReferenceEquals(candidate, shard));
            if (earlier >= 0)
            {
                throw new ArgumentException($"{got}, the same layer as shards[{earlier}]; each shard needs a layer of its own.", nameof(shards));
            }

            checkedShards[i] = shard;
            columns += shard.OutFeatures;
        }

        if (columns != source.OutFeatures)
        {
            throw new ArgumentException(
                $"shards have {columns} output columns in all ({string.Join(" + ", Array.ConvertAll(checkedShards, shard => shard.OutFeatures))}); " +
                $"they need {name}'s OutFeatures, {source.OutFeatures}.",
                nameof(shards));
        }

        return checkedShards;
    }

    private static string Describe(ActivationFunction? activation) => activation?.ToString() ?? "none";
}
