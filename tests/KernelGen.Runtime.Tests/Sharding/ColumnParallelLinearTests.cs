using System;
using System.Collections.Generic;
using System.Linq;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Sharding;

/// <summary>
/// A Linear's output columns split over devices give the unsplit layer's bits, on the host and on a CPU accelerator,
/// for splits on no tile boundary; k is never split.
/// </summary>
public sealed class ColumnParallelLinearTests
{
    [Theory]
    [InlineData("50+50", "accel+accel", 40)]        // 40 rows: the tiled kernels
    [InlineData("33+67", "cpu+accel", 40)]
    [InlineData("33+17+50", "accel+cpu+accel", 3)]  // 3 rows: one thread per output
    [InlineData("67+33", "accel+cpu", 1)]
    [InlineData("100", "accel", 33)]
    public void Column_split_gives_the_unsplit_bits(string split, string devices, int rows)
    {
        var layer = new SplitLinear(seed: 9);
        var x = new Tensor(Values(rows * layer.InFeatures, seed: 10), rows, layer.InFeatures);
        float[] onHost = layer.Forward(x).ToArray();
        float[] onAccelerator;
        using (Tensor y = layer.Forward(x.To(ParallelDevices.First)))
        {
            onAccelerator = y.ToArray();
        }

        var parallel = new ColumnParallelLinear(layer, Shards(split), Devices(devices));
        using Tensor gathered = parallel.Forward(x);

        Assert.Same(Device.Cpu, gathered.Device);
        Assert.Equal([rows, layer.OutFeatures], gathered.Shape);
        BitAssert.Equal(onHost, onAccelerator, "unsplit: accelerator vs host");
        BitAssert.Equal(onHost, gathered.ToArray(), $"{split} over {devices}, {rows} rows");
    }

    [Theory]
    [InlineData("accel+cpu", 40)]
    [InlineData("cpu+accel", 3)]
    public void Exact_tier_column_split_gives_the_unsplit_bits(string devices, int rows)
    {
        var layer = new SplitLinearExact(seed: 14);
        var x = new Tensor(Values(rows * layer.InFeatures, seed: 15), rows, layer.InFeatures);
        float[] expected = layer.Forward(x).ToArray();

        using Tensor gathered = new ColumnParallelLinear(layer, [new SplitColumns33Exact(), new SplitColumns67Exact()], Devices(devices)).Forward(x);

        BitAssert.Equal(expected, gathered.ToArray(), $"KG-Exact-1, 33+67 over {devices}, {rows} rows");
    }

    [Fact]
    public void Each_shard_holds_only_its_columns_on_its_device()
    {
        var layer = new SplitLinear(seed: 11);
        IReadOnlyList<Device> devices = Devices("accel+cpu+accel");

        var parallel = new ColumnParallelLinear(layer, Shards("33+17+50"), devices);

        Assert.Equal(70, parallel.InFeatures);
        Assert.Equal(100, parallel.OutFeatures);
        Assert.Equal(devices, parallel.Devices);
        int start = 0;
        for (int i = 0; i < 3; i++)
        {
            LinearLayer shard = parallel.Shards[i];
            Assert.Same(devices[i], shard.Device);
            BitAssert.Equal(layer.Weight.Slice(start * 70, shard.OutFeatures * 70), shard.Weight, $"shard {i} weight");
            BitAssert.Equal(layer.Bias.Slice(start, shard.OutFeatures), shard.Bias, $"shard {i} bias");
            start += shard.OutFeatures;
        }
    }

    [Fact]
    public void Input_on_an_accelerator_is_gathered_there_with_the_unsplit_bits()
    {
        var layer = new SplitLinear(seed: 12);
        var x = new Tensor(Values(4 * 10 * 70, seed: 13), 4, 10, 70);
        float[] expected = layer.Forward(x).ToArray();
        using Tensor onDevice = x.To(ParallelDevices.Second);

        using Tensor y = new ColumnParallelLinear(layer, Shards("33+17+50"), Devices("accel+cpu+accel")).Forward(onDevice);

        Assert.Same(ParallelDevices.Second, y.Device);
        Assert.Equal([4, 10, 100], y.Shape);
        BitAssert.Equal(expected, y.ToArray(), "33+17+50 from the second accelerator");
    }

    [Fact]
    public void Shards_that_do_not_fit_the_layer_are_refused_by_name()
    {
        var layer = new SplitLinear(seed: 1);
        var twice = new SplitColumns50();
        IReadOnlyList<Device> two = Devices("accel+accel");

        string Refused(IReadOnlyList<LinearLayer> shards, LinearLayer? source = null) =>
            Assert.Throws<ArgumentException>(() => new ColumnParallelLinear(source ?? layer, shards, two)).Message;

        Assert.Equal(
            "shards[0] is a SplitHalfK with InFeatures 35; it needs SplitLinear's InFeatures, 70, whole: shards split the output columns, never k " +
            "(a sum of partial dot products would change the FMA chain, and the bits). (Parameter 'shards')",
            Refused([new SplitHalfK(), new SplitHalfK()]));
        Assert.Equal(
            "shards have 83 output columns in all (33 + 50); they need SplitLinear's OutFeatures, 100. (Parameter 'shards')",
            Refused([new SplitColumns33(), new SplitColumns50()]));
        Assert.Equal(
            "shards has 3 layers; SplitNarrow has 2 output column(s), and each shard needs at least one, so it allows at most 2. (Parameter 'shards')",
            Refused([new SplitColumns1(), new SplitColumns1(), new SplitColumns1()], new SplitNarrow()));
        Assert.Equal(
            "shards[1] is a SplitColumns50NoActivation with activation none; it needs SplitLinear's, Gelu. (Parameter 'shards')",
            Refused([new SplitColumns50(), new SplitColumns50NoActivation()]));
        Assert.Equal(
            "shards[1] is a SplitColumns67 of arithmetic KG-Bitwise-1; it needs SplitLinearExact's, KG-Exact-1 (tiers are never mixed). (Parameter 'shards')",
            Refused([new SplitColumns33Exact(), new SplitColumns67()], new SplitLinearExact()));
        Assert.Equal(
            "shards[0] is a SplitColumns50NoBias without a bias; it needs to match SplitLinear, with one. (Parameter 'shards')",
            Refused([new SplitColumns50NoBias(), new SplitColumns50()]));
        Assert.Equal(
            "shards[1] is a SplitColumns50, the same layer as shards[0]; each shard needs a layer of its own. (Parameter 'shards')",
            Refused([twice, twice]));
        Assert.Equal(
            "shards[0] is a SplitLinear, the layer being split; it needs a layer of its own. (Parameter 'shards')",
            Refused([layer]));
        Assert.Equal("shards is empty; it needs at least one layer. (Parameter 'shards')", Refused([]));
        Assert.Equal("shards[1] is null; it needs a layer. (Parameter 'shards')", Refused([new SplitColumns50(), null!]));
    }

    [Fact]
    public void Bad_devices_are_refused_by_name()
    {
        var layer = new SplitLinear(seed: 1);
        GpuDevice closed = GpuDevice.OpenCpuAccelerator();
        closed.Dispose();

        string Refused(params Device[] devices) =>
            Assert.Throws<ArgumentException>(() => new ColumnParallelLinear(layer, [new SplitColumns50(), new SplitColumns50()], devices)).Message;

        Assert.Equal("devices has 1 device(s); it needs one per shard, 2. (Parameter 'devices')", Refused(ParallelDevices.First));
        Assert.Equal("devices has 3 device(s); it needs one per shard, 2. (Parameter 'devices')", Refused(ParallelDevices.First, Device.Cpu, ParallelDevices.Second));
        Assert.Equal("devices is empty; it needs at least one device. (Parameter 'devices')", Refused());
        Assert.Equal(
            $"devices[1] is {ParallelDevices.First.Description}, as is devices[0]; each device may appear once (it holds one copy of the parameters). (Parameter 'devices')",
            Refused(ParallelDevices.First, ParallelDevices.First));
        Assert.Equal($"devices[0] is {closed.Description}, which was disposed; it needs an open device. (Parameter 'devices')", Refused(closed, Device.Cpu));
    }

    [Fact]
    public void Input_of_another_width_is_refused_by_name()
    {
        var parallel = new ColumnParallelLinear(new SplitLinear(seed: 1), [new SplitColumns50(), new SplitColumns50()], Devices("cpu+accel"));

        ArgumentException error = Assert.Throws<ArgumentException>(() => parallel.Forward(new Tensor(3, 69)));

        Assert.Equal("input has shape (3, 69); a SplitLinear needs shape (..., 70). (Parameter 'input')", error.Message);
    }

    private static IReadOnlyList<Device> Devices(string name) => ParallelDevices.Named(name);

    /// <summary>New shard layers for a split written as column counts, <c>33+17+50</c>.</summary>
    internal static LinearLayer[] Shards(string split) => split.Split('+').Select(columns => columns switch
    {
        "1" => (LinearLayer)new SplitColumns1(),
        "17" => new SplitColumns17(),
        "33" => new SplitColumns33(),
        "50" => new SplitColumns50(),
        "67" => new SplitColumns67(),
        "100" => new SplitLinear(),
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "No shard type of that width."),
    }).ToArray();

    internal static float[] Values(int length, ulong seed)
    {
        var values = new float[length];
        new PhiloxRandom(seed).Fill(values, -1f, 1f);
        return values;
    }
}
