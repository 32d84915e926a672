using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// A module placed on several devices (<see cref="ModuleExtensions.To{TModule}(TModule, IReadOnlyList{Device})"/>),
/// one copy of its parameters on each: a forward pass splits the batch's rows over the devices, runs every
/// shard where its parameters are, on its own thread, and gathers the results in row order. Every kernel is batch
/// invariant, so the gathered bits are those of the whole batch on any one device, and the host's.
/// </summary>
/// <remarks>
/// <para>The rows split evenly; the first <c>rows % devices</c> devices take one row more, so a split depends only on
/// the row and device counts. A device left without rows (a batch smaller than the device list) runs nothing.</para>
/// <para>Each shard's results go to the host, and the gathered tensor is made from them there (and uploaded when the
/// input lived on a GPU): the host is where the shards meet.</para>
/// <para>Moving the module with <c>To(…)</c> again ends this placement; a later forward pass through this object throws.</para>
/// </remarks>
/// <typeparam name="TModule">The module's type.</typeparam>
/// <example>
/// <code>
/// DataParallel&lt;Stack&gt; parallel = model.To([gpu0, gpu1]);
/// Tensor y = parallel.Forward(x, (m, rows) =&gt; m.Forward(rows));        // x's rows split over gpu0 and gpu1
/// </code>
/// </example>
public sealed class DataParallel<TModule>
    where TModule : Module
{
    private readonly Device[] _devices;

    internal DataParallel(TModule module, Device[] devices)
    {
        Module = module;
        _devices = devices;
        Devices = Array.AsReadOnly(devices);
    }

    /// <summary>The module (the same object that was placed).</summary>
    public TModule Module { get; }

    /// <summary>The devices, in the order their shards take the batch's rows.</summary>
    public IReadOnlyList<Device> Devices { get; }

    /// <summary>
    /// Runs <paramref name="forward"/> on each device's rows of <paramref name="input"/> (its first dimension) and
    /// concatenates the results along their first dimension, in row order, on <paramref name="input"/>'s device
    /// (owned by the current <see cref="TensorScope"/>, if any).
    /// </summary>
    /// <param name="input">The batch; its first dimension is split.</param>
    /// <param name="forward">The module's forward pass on one shard's rows, which already live on the shard's device.</param>
    /// <exception cref="ArgumentException"><paramref name="input"/> is a scalar.</exception>
    /// <exception cref="InvalidOperationException">The module was moved elsewhere, or the shards' results cannot be concatenated.</exception>
    public Tensor Forward(Tensor input, Func<TModule, Tensor, Tensor> forward)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(forward);
        input.ThrowIfDisposed();
        if (input.Rank == 0)
        {
            throw new ArgumentException($"input is {input}, a scalar; it needs a first dimension to split over the devices.", nameof(input));
        }

        // A GPU batch is read once, here, for the shards on other devices: no two threads copy from one device at once.
        Tensor? onHost = input.Device is GpuDevice && Array.Exists(_devices, device => !ReferenceEquals(device, input.Device))
            ? input.To(Device.Cpu)
            : null;
        return Gather(
            Run(input.Shape[0], shard => forward(Module, shard.Take(ReferenceEquals(shard.Device, input.Device) ? input : onHost ?? input))),
            input.Device);
    }

    /// <summary>
    /// Splits <paramref name="rows"/> rows over the devices, runs <paramref name="forward"/> once for each device that
    /// got rows (once on the first device when <paramref name="rows"/> is 0), and concatenates the results along their
    /// first dimension, in row order, on the host (owned by the current <see cref="TensorScope"/>, if any). Use it when a
    /// batch is more than one tensor: cut each input with <see cref="RowShard.Take{T}(ReadOnlySpan{T})"/> or
    /// <see cref="RowShard.Take(Tensor)"/> so that ids, lengths and masks keep the same rows.
    /// </summary>
    /// <param name="rows">The rows of the batch (sequences, for an encoder).</param>
    /// <param name="forward">The module's forward pass on one shard; inside it <see cref="KernelGen.Module.Device"/> is the shard's device.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The module was moved elsewhere, or the shards' results cannot be concatenated.</exception>
    public Tensor Forward(int rows, Func<TModule, RowShard, Tensor> forward)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentNullException.ThrowIfNull(forward);
        return Gather(Run(rows, shard => forward(Module, shard)), Device.Cpu);
    }

    /// <summary>The shards of a batch of <paramref name="rows"/> rows: even, the first <c>rows % devices</c> devices one row more.</summary>
    internal RowShard[] Split(int rows)
    {
        int each = rows / _devices.Length;
        int extra = rows % _devices.Length;
        var shards = new RowShard[_devices.Length];
        int start = 0;
        for (int i = 0; i < _devices.Length; i++)
        {
            int count = each + (i < extra ? 1 : 0);
            shards[i] = new RowShard(i, _devices[i], start, count, rows);
            start += count;
        }

        return shards;
    }

    private ShardResult[] Run(int rows, Func<RowShard, Tensor> forward)
    {
        if (!ReferenceEquals(Module.Placement, this))
        {
            throw new InvalidOperationException(
                $"{Module.GetType().Name} was moved with To(…) after this DataParallel placed it on {_devices.Length} device(s): place it again with To(devices).");
        }

        RowShard[] shards = Split(rows);
        var results = new List<ShardResult>();
        var jobs = new List<(Device, Action)>();
        foreach (RowShard shard in shards)
        {
            if (shard.Count > 0 || (rows == 0 && shard.Index == 0))
            {
                var result = new ShardResult(shard);
                results.Add(result);
                jobs.Add((shard.Device, () => RunShard(result, forward)));
            }
        }

        ShardRunner.Run(jobs);
        return [.. results];
    }

    private void RunShard(ShardResult result, Func<RowShard, Tensor> forward)
    {
        using var binding = KernelGen.Module.BindShard(this, result.Shard.Device);
        using var scope = TensorScope.Begin(); // the shard's tensors go back to its device's pool
        Tensor output = forward(result.Shard)
            ?? throw new InvalidOperationException($"forward returned null for {result.Shard}; it needs to return the shard's result.");
        if (output.Rank == 0)
        {
            throw new InvalidOperationException(
                $"forward returned {output}, a scalar, for {result.Shard}; results are concatenated along their first dimension, so it needs one.");
        }

        result.Shape = [.. output.Shape];
        result.Values = output.ToArray(); // waits for this shard's device only
    }

    private static Tensor Gather(ShardResult[] results, Device device)
    {
        int[] shape = results[0].Shape;
        int first = 0;
        foreach (ShardResult result in results)
        {
            if (!result.Shape.AsSpan(1).SequenceEqual(shape.AsSpan(1)))
            {
                throw new InvalidOperationException(
                    $"forward returned a result of shape {Tensor.FormatShape(result.Shape)} for {result.Shard}, and one of shape " +
                    $"{Tensor.FormatShape(shape)} for {results[0].Shard}: results are concatenated along their first dimension, so every other dimension must agree.");
            }

            first = checked(first + result.Shape[0]);
        }

        int[] gatheredShape = [first, .. shape.AsSpan(1)];
        var values = new float[Tensor.CheckedLength(gatheredShape, "shape")];
        int offset = 0;
        foreach (ShardResult result in results)
        {
            result.Values.CopyTo(values, offset);
            offset += result.Values.Length;
        }

        return Tensor.FromHost(values, gatheredShape, device);
    }

    /// <summary>What one shard returned, copied to the host.</summary>
    private sealed class ShardResult(RowShard shard)
    {
        public RowShard Shard { get; } = shard;

        public int[] Shape { get; set; } = [];

        public float[] Values { get; set; } = [];
    }
}
