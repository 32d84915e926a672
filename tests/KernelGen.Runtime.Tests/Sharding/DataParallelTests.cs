using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using BertEncoder;
using KernelGen.Runtime.Tests.Invariance;
using KernelGen.Runtime.Tests.Modules;
using Xunit;

namespace KernelGen.Runtime.Tests.Sharding;

/// <summary>
/// A batch's rows split over several devices (ILGPU CPU accelerators standing in for GPUs, and the host) give the
/// bits of the whole batch on the host: the residual-stack sample's model, and the BERT-style encoder with padding.
/// </summary>
public sealed class DataParallelTests
{
    private static readonly Lazy<ResidualStack.Model> Stack = new(() => new ResidualStack.Model(seed: 2026));
    private static readonly Lazy<Encoder> Bert = new(() => Encoder.CreateFp16(seed: 5));

    [Theory]
    [InlineData("accel", 2)]            // one device: 2
    [InlineData("accel+cpu+accel", 5)]  // 2 + 2 + 1, the host among the devices
    [InlineData("accel+accel", 1)]      // a batch of 1: 1 + 0, the second device gets no rows
    public void Residual_stack_sharded_over_devices_gives_the_host_bits(string devices, int rows)
    {
        ResidualStack.Model model = Stack.Value;
        Tensor x = Tensor.Uniform(new PhiloxRandom(seed: 7), -2f, 2f, rows, ResidualStack.Model.Width);
        float[] expected = model.To(Device.Cpu).Forward(x).ToArray();

        DataParallel<ResidualStack.Model> parallel = model.To(ParallelDevices.Named(devices));
        using Tensor y = parallel.Forward(x, (m, shard) => m.Forward(shard));

        Assert.Same(Device.Cpu, y.Device);
        Assert.Equal([rows, ResidualStack.Model.Width], y.Shape);
        BitAssert.Equal(expected, y.ToArray(), $"residual stack, {rows} rows over {devices}");
    }

    [Fact]
    public void Residual_stack_batch_on_an_accelerator_is_gathered_there_with_the_host_bits()
    {
        ResidualStack.Model model = Stack.Value;
        Tensor x = Tensor.Uniform(new PhiloxRandom(seed: 8), -2f, 2f, 2, 2, ResidualStack.Model.Width);
        float[] expected = model.To(Device.Cpu).Forward(x).ToArray();
        using Tensor onDevice = x.To(ParallelDevices.Second);

        using Tensor y = model.To(ParallelDevices.Named("accel+cpu+accel")).Forward(onDevice, (m, shard) => m.Forward(shard));

        Assert.Same(ParallelDevices.Second, y.Device);
        Assert.Equal([2, 2, ResidualStack.Model.Width], y.Shape);
        BitAssert.Equal(expected, y.ToArray(), "residual stack, 2 × 2 rows from the second accelerator over accel+cpu+accel");
    }

    [Theory]
    [InlineData("accel+accel", 3)]      // sequences 2 + 1
    [InlineData("accel+cpu+accel", 2)]  // 1 + 1 + 0
    public void Encoder_with_padding_sharded_over_devices_gives_the_host_bits(string devices, int batch)
    {
        const int sequence = 8;
        int[] valid = new[] { 8, 5, 1 }[..batch];          // padding in most sequences, masked by each one's length
        int[] ids = Array.ConvertAll(Values.Uniform(batch * sequence, seed: 21, 0f, Encoder.Vocabulary), draw => Math.Min(Encoder.Vocabulary - 1, (int)draw));
        Encoder encoder = Bert.Value;
        float[] expected = encoder.To(Device.Cpu).Encode(ids, batch, sequence, valid);

        DataParallel<Encoder> parallel = encoder.To(ParallelDevices.Named(devices));
        using Tensor y = parallel.Forward(batch, (e, shard) => e.Forward(shard.Take<int>(ids), shard.Count, sequence, shard.Take<int>(valid)));

        Assert.Same(Device.Cpu, y.Device);
        Assert.Equal([batch, sequence, Encoder.Width], y.Shape);
        BitAssert.Equal(expected, y.ToArray(), $"encoder, {batch} sequences over {devices}");
    }

    [Fact]
    public void Each_shard_runs_on_its_device_and_sees_it_as_the_module_device()
    {
        var model = new TinyModel(seed: 4);
        const int sequence = 3;
        int[] ids = Values.Ids(5 * sequence, seed: 9);
        float[] expected = model.Forward(ids, 5, sequence, Device.Cpu).ToArray();
        IReadOnlyList<Device> devices = ParallelDevices.Named("accel+cpu");
        var seen = new ConcurrentDictionary<int, (Device Module, Device Shard, int Start, int Count)>();

        DataParallel<TinyModel> parallel = model.To(devices);
        using Tensor y = parallel.Forward(5, (m, shard) =>
        {
            seen[shard.Index] = (m.Device, shard.Device, shard.Start, shard.Count);
            return m.Forward(shard.Take<int>(ids), shard.Count, sequence, m.Device);
        });

        Assert.Same(model, parallel.Module);
        Assert.Equal(devices, parallel.Devices);
        Assert.Same(devices[0], model.Device); // outside a shard: the first device
        Assert.Equal(new[] { 0, 1 }, seen.Keys.Order());
        for (int i = 0; i < 2; i++)
        {
            Assert.Same(devices[i], seen[i].Module);
            Assert.Same(devices[i], seen[i].Shard);
        }

        Assert.Equal(new[] { (0, 3), (3, 2) }, seen.Values.OrderBy(v => v.Start).Select(v => (v.Start, v.Count)));
        Assert.Equal([5 * sequence, 3], y.Shape); // results whose first dimension is rows × sequence concatenate too
        BitAssert.Equal(expected, y.ToArray(), "TinyModel over accel+cpu");
    }

    [Theory]
    [InlineData(5, 3, new[] { 2, 2, 1 })]
    [InlineData(7, 2, new[] { 4, 3 })]
    [InlineData(2, 3, new[] { 1, 1, 0 })]
    [InlineData(1, 3, new[] { 1, 0, 0 })]
    [InlineData(0, 2, new[] { 0, 0 })]
    [InlineData(6, 1, new[] { 6 })]
    public void Rows_split_evenly_with_the_remainder_on_the_first_devices(int rows, int deviceCount, int[] counts)
    {
        Device[] devices = [ParallelDevices.First, Device.Cpu, ParallelDevices.Second];
        DataParallel<TinyModel> parallel = new TinyModel().To(devices[..deviceCount]);

        RowShard[] shards = parallel.Split(rows);

        Assert.Equal(counts, shards.Select(shard => shard.Count));
        Assert.Equal(counts.Select((_, i) => counts[..i].Sum()), shards.Select(shard => shard.Start));
        Assert.All(shards, shard => Assert.Equal(rows, shard.BatchRows));
        Assert.Equal(devices[..deviceCount], shards.Select(shard => shard.Device));
    }

    [Fact]
    public void A_batch_of_no_rows_runs_once_on_the_first_device()
    {
        var model = new TinyModel();
        var calls = new ConcurrentBag<RowShard>();

        using Tensor y = model.To(ParallelDevices.Named("accel+accel")).Forward(0, (m, shard) =>
        {
            calls.Add(shard);
            return new Tensor(shard.Count, 3);
        });

        RowShard call = Assert.Single(calls);
        Assert.Same(ParallelDevices.First, call.Device);
        Assert.Equal([0, 3], y.Shape);
    }

    [Fact]
    public void Moving_the_module_again_ends_the_placement()
    {
        var model = new TinyModel();
        DataParallel<TinyModel> parallel = model.To(ParallelDevices.Named("accel+accel"));
        model.To(Device.Cpu);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => parallel.Forward(new Tensor(2, 6), (m, x) => x));

        Assert.Equal("TinyModel was moved with To(…) after this DataParallel placed it on 2 device(s): place it again with To(devices).", error.Message);
        Assert.Same(Device.Cpu, model.Device);
    }

    [Fact]
    public void Results_that_cannot_be_concatenated_are_refused_by_shard()
    {
        DataParallel<TinyModel> parallel = new TinyModel().To(ParallelDevices.Named("accel+cpu+accel"));

        InvalidOperationException mismatch = Assert.Throws<InvalidOperationException>(() =>
            parallel.Forward(3, (_, shard) => new Tensor(shard.Count, shard.Index == 1 ? 5 : 4)));
        InvalidOperationException scalar = Assert.Throws<InvalidOperationException>(() =>
            parallel.Forward(1, (_, _) => new Tensor()));
        InvalidOperationException missing = Assert.Throws<InvalidOperationException>(() =>
            parallel.Forward(1, (_, _) => null!));

        Assert.Equal(
            $"forward returned a result of shape (1, 5) for shard 1: rows [1, 2) of 3 on cpu, and one of shape (1, 4) for shard 0: rows [0, 1) of 3 on {ParallelDevices.First.Description}: " +
            "results are concatenated along their first dimension, so every other dimension must agree.",
            mismatch.Message);
        Assert.Equal(
            $"forward returned Tensor(), a scalar, for shard 0: rows [0, 1) of 1 on {ParallelDevices.First.Description}; results are concatenated along their first dimension, so it needs one.",
            scalar.Message);
        Assert.Equal($"forward returned null for shard 0: rows [0, 1) of 1 on {ParallelDevices.First.Description}; it needs to return the shard's result.", missing.Message);
    }

    [Fact]
    public void The_first_failing_shard_in_device_order_gives_the_error()
    {
        DataParallel<TinyModel> parallel = new TinyModel().To(ParallelDevices.Named("accel+cpu+accel"));

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => parallel.Forward(3, (_, shard) =>
            shard.Index == 0 ? new Tensor(shard.Count, 2) : throw new InvalidOperationException($"shard {shard.Index} failed")));

        Assert.Equal("shard 1 failed", error.Message);
    }

    [Fact]
    public void Bad_device_lists_are_refused_by_name()
    {
        var model = new TinyModel();
        GpuDevice closed = GpuDevice.OpenCpuAccelerator();
        closed.Dispose();

        ArgumentException empty = Assert.Throws<ArgumentException>(() => model.To(Array.Empty<Device>()));
        ArgumentException nullDevice = Assert.Throws<ArgumentException>(() => model.To([ParallelDevices.First, null!]));
        ArgumentException duplicate = Assert.Throws<ArgumentException>(() => model.To([ParallelDevices.First, Device.Cpu, ParallelDevices.First]));
        ArgumentException duplicateHost = Assert.Throws<ArgumentException>(() => model.To([Device.Cpu, Device.Cpu]));
        ArgumentException disposed = Assert.Throws<ArgumentException>(() => model.To([ParallelDevices.First, closed]));
        Assert.Throws<ArgumentNullException>(() => model.To((IReadOnlyList<Device>)null!));

        Assert.Equal("devices is empty; it needs at least one device. (Parameter 'devices')", empty.Message);
        Assert.Equal("devices[1] is null; it needs a device. (Parameter 'devices')", nullDevice.Message);
        Assert.Equal(
            $"devices[2] is {ParallelDevices.First.Description}, as is devices[0]; each device may appear once (it holds one copy of the parameters). (Parameter 'devices')",
            duplicate.Message);
        Assert.Equal("devices[1] is cpu, as is devices[0]; each device may appear once (it holds one copy of the parameters). (Parameter 'devices')", duplicateHost.Message);
        Assert.Equal($"devices[1] is {closed.Description}, which was disposed; it needs an open device. (Parameter 'devices')", disposed.Message);
        Assert.All(new[] { empty, nullDevice, duplicate, disposed }, error => Assert.Equal("devices", error.ParamName));
        Assert.Same(Device.Cpu, model.Device); // nothing was moved
    }

    [Fact]
    public void Shard_inputs_of_the_wrong_size_are_refused_by_name()
    {
        DataParallel<TinyModel> parallel = new TinyModel().To(ParallelDevices.Named("accel+accel"));
        ArgumentException? tensorError = null;
        ArgumentException? spanError = null;
        ArgumentException? emptyError = null;
        ArgumentException? scalarError = null;

        parallel.Forward(3, (_, shard) =>
        {
            if (shard.Index == 0)
            {
                tensorError = Assert.Throws<ArgumentException>(() => shard.Take(new Tensor(4, 2)));
                spanError = Assert.Throws<ArgumentException>(() => shard.Take<int>(new int[7]).Length);
            }

            return new Tensor(shard.Count, 1);
        });
        parallel.Forward(0, (_, shard) =>
        {
            emptyError = Assert.Throws<ArgumentException>(() => shard.Take<int>(new int[2]).Length);
            return new Tensor(0, 1);
        });
        scalarError = Assert.Throws<ArgumentException>(() => parallel.Forward(new Tensor(), (_, x) => x));

        Assert.Equal("batch is Tensor(4, 2); it needs a first dimension of 3, the rows of the batch being sharded. (Parameter 'batch')", tensorError?.Message);
        Assert.Equal("batch has 7 values; it needs 3 rows of equal length (a multiple of 3). (Parameter 'batch')", spanError?.Message);
        Assert.Equal("batch has 2 values; it needs none, as the batch being sharded has 0 rows. (Parameter 'batch')", emptyError?.Message);
        Assert.Equal("input is Tensor(), a scalar; it needs a first dimension to split over the devices. (Parameter 'input')", scalarError.Message);
    }
}
