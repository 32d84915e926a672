using System;
using System.IO;
using System.Linq;
using Xunit;

namespace KernelGen.Runtime.Tests.Modules;

/// <summary>LoadStateDict checks everything first and reports every problem by name; SaveStateDict round-trips the bits.</summary>
public sealed class LoadStateDictTests
{
    [Fact]
    public void Save_then_load_restores_every_bit()
    {
        var source = new TinyModel(seed: 5);
        string path = Path.Combine(Path.GetTempPath(), $"kernelgen-modules-{Guid.NewGuid():N}.safetensors");
        try
        {
            source.SaveStateDict(path);
            var target = new TinyModel(seed: 99);
            using (SafetensorsFile file = SafetensorsFile.Open(path))
            {
                target.LoadStateDict(file);
            }

            foreach ((StateEntry expected, StateEntry actual) in source.StateDict().Zip(target.StateDict()))
            {
                Assert.Equal(expected.Name, actual.Name);
                if (expected.DType == SafetensorsDType.I64)
                {
                    Assert.Equal(expected.ToInt64(), actual.ToInt64());
                }
                else
                {
                    Invariance.BitAssert.Equal(expected.ToArray(), actual.ToArray(), expected.Name);
                }
            }

            int[] ids = Values.Ids(8, seed: 3);
            Invariance.BitAssert.Equal(source.Forward(ids, 2, 4, Device.Cpu).Span, target.Forward(ids, 2, 4, Device.Cpu).Span, "forward after loading");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Strict_load_lists_every_missing_unexpected_and_mis_shaped_tensor_and_loads_nothing()
    {
        var writer = new SafetensorsWriter();
        var source = new TinyModel(seed: 5);
        foreach (StateEntry entry in source.StateDict())
        {
            switch (entry.Name)
            {
                case "blocks.1.fc2.bias":
                case "head.weight":
                    break; // missing
                case "blocks.0.fc1.weight":
                    writer.Add(entry.Name, entry.ToArray(), [6, 8]); // transposed shape
                    break;
                case "norm.num_batches_tracked":
                    writer.Add(entry.Name, [7f], []); // F32 where I64 is needed
                    break;
                default:
                    writer.Add(entry.Name, entry.ToArray(), [.. entry.Shape]);
                    break;
            }
        }

        writer.Add("head.extra", new float[4], [2, 2]);
        var target = new TinyModel(seed: 99);
        float[] before = target.Embeddings.Weight.ToArray();
        using SafetensorsFile file = SafetensorsFile.FromBytes(writer.ToArray());

        StateDictMismatchException error = Assert.Throws<StateDictMismatchException>(() => target.LoadStateDict(file));

        Assert.Equal(
            "The state dict does not match TinyModel: 2 missing, 1 unexpected, 1 mis-shaped, 1 mis-typed; nothing was loaded.\n" +
            "  missing: blocks.1.fc2.bias (6,)\n" +
            "  missing: head.weight (3, 6)\n" +
            "  unexpected: head.extra (2, 2)\n" +
            "  mis-shaped: blocks.0.fc1.weight is (6, 8) in the file; the module needs (8, 6)\n" +
            "  mis-typed: norm.num_batches_tracked is F32 in the file; the module needs I64",
            error.Message);
        Assert.Equal(["blocks.1.fc2.bias (6,)", "head.weight (3, 6)"], error.Missing);
        Assert.Equal(["head.extra (2, 2)"], error.Unexpected);
        Assert.Single(error.MisShaped);
        Assert.Single(error.MisTyped);
        Invariance.BitAssert.Equal(before, target.Embeddings.Weight, "embeddings after a failed load");
    }

    [Fact]
    public void Non_strict_load_allows_missing_and_unexpected_but_not_mis_shaped()
    {
        var source = new TinyModel(seed: 5);
        var writer = new SafetensorsWriter();
        writer.Add("embeddings.weight", source.Embeddings.Weight, [20, 6]);
        writer.Add("something.else", new float[3], [3]);
        var target = new TinyModel(seed: 99);
        float[] headBefore = target.Head.Weight.ToArray();
        using (SafetensorsFile file = SafetensorsFile.FromBytes(writer.ToArray()))
        {
            target.LoadStateDict(file, strict: false);
        }

        Invariance.BitAssert.Equal(source.Embeddings.Weight, target.Embeddings.Weight, "loaded");
        Invariance.BitAssert.Equal(headBefore, target.Head.Weight, "kept");

        var bad = new SafetensorsWriter();
        bad.Add("head.weight", new float[18], [6, 3]);
        using SafetensorsFile badFile = SafetensorsFile.FromBytes(bad.ToArray());
        StateDictMismatchException error = Assert.Throws<StateDictMismatchException>(() => target.LoadStateDict(badFile, strict: false));
        Assert.Equal(["head.weight is (6, 3) in the file; the module needs (3, 6)"], error.MisShaped);
        Assert.Empty(error.Missing);
    }

    [Fact]
    public void Loading_new_weights_refreshes_the_packed_and_device_copies()
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        var model = new TinyModel(seed: 5).To(device);
        int[] ids = Values.Ids(6, seed: 4);
        using (Tensor warm = model.Forward(ids, 1, 6, device))
        {
            _ = warm.ToArray(); // parameters of seed 5 are now packed and on the device
        }

        var writer = new SafetensorsWriter();
        new TinyModel(seed: 9).SaveStateDict(writer);
        using SafetensorsFile file = SafetensorsFile.FromBytes(writer.ToArray());
        model.LoadStateDict(file);

        float[] expected = new TinyModel(seed: 9).Forward(ids, 1, 6, Device.Cpu).ToArray();
        using Tensor onDevice = model.Forward(ids, 1, 6, device);
        Invariance.BitAssert.Equal(expected, onDevice.ToArray(), "device forward after loading");
        Invariance.BitAssert.Equal(expected, model.Forward(ids, 1, 6, Device.Cpu).ToArray(), "host forward after loading");
    }
}
