using System;
using System.IO;
using System.Linq;
using BertEncoder;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Parity;

/// <summary>
/// The BERT-style encoder saved by PyTorch with fp16 weights (tests/fixtures/encoder_w256.safetensors)
/// loads by its state-dict names into samples/BertEncoder's model, matches PyTorch's float64 answer on
/// every real (unpadded) row as closely as PyTorch's own float32 does, and gives fixed bits.
/// </summary>
public sealed class EncoderParityTests
{
    private const int Batch = 3, Sequence = 16;

    /// <summary>SHA-256 of the real rows' float32 bits on the CPU; KG-Bitwise-1.</summary>
    private const string GoldenSha256 = "940015be3899f5f88b4712e098ef6ae5e0a38dded03e51ffab25d8f8a23dcb33";

    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "fixtures", "encoder_w256.safetensors");

    [Fact]
    public void Loads_fp16_weights_by_PyTorch_names_and_is_as_accurate_as_PyTorch_float32()
    {
        (Encoder encoder, int[] ids, int[] valid, SafetensorsFile file) = Load();
        using (file)
        {
            float[] output = encoder.Encode(ids, Batch, Sequence, valid);
            float[] reference = file.ReadSingles("reference_float64");
            float[] pytorch = file.ReadSingles("pytorch_float32_cpu");
            double ours = MaxErrorOnRealRows(output, reference, valid);
            double theirs = MaxErrorOnRealRows(pytorch, reference, valid);
            TestContext.Current.SendDiagnosticMessage($"max abs error vs float64: KernelGen {ours:E3}, PyTorch float32 {theirs:E3}");
            Assert.True(ours <= 2 * theirs && ours <= 1e-5, $"max abs error {ours:E3}; PyTorch float32 {theirs:E3}");
        }
    }

    [Fact]
    public void Real_rows_have_the_golden_hash_and_do_not_depend_on_the_batch()
    {
        (Encoder encoder, int[] ids, int[] valid, SafetensorsFile file) = Load();
        using (file)
        {
            float[] output = encoder.Encode(ids, Batch, Sequence, valid);
            float[] realRows = RealRows(output, valid);
            string hash = ResidualStackParityTests.Sha256(realRows);
            Assert.True(hash == GoldenSha256, $"SHA-256 {hash}");

            for (int b = 0; b < Batch; b++)
            {
                float[] alone = encoder.Encode(ids.AsSpan(b * Sequence, valid[b]), 1, valid[b], [valid[b]]);
                BitAssert.Equal(output.AsSpan(b * Sequence * Encoder.Width, alone.Length), alone, $"sequence {b} alone, unpadded");
            }
        }
    }

    [Fact]
    [Trait("Category", "Cuda")]
    public void Cuda_gives_the_cpu_bits()
    {
        (Encoder encoder, int[] ids, int[] valid, SafetensorsFile file) = Load();
        using (file)
        {
            float[] cpu = encoder.Encode(ids, Batch, Sequence, valid);
            BitAssert.Equal(cpu, encoder.To(CudaDevice.Get()).Encode(ids, Batch, Sequence, valid), "CUDA");
            encoder.To(Device.Cpu);
        }
    }

    private static (Encoder Encoder, int[] Ids, int[] Valid, SafetensorsFile File) Load()
    {
        SafetensorsFile file = SafetensorsFile.Open(FixturePath);
        int[] ids = file.ReadSingles("ids").Select(id => (int)id).ToArray();
        int[] valid = file.ReadSingles("valid_lengths").Select(length => (int)length).ToArray();
        var encoder = new Encoder();
        encoder.LoadStateDict(file, strict: false); // the fixture also holds the inputs and PyTorch's outputs
        Assert.Equal([], encoder.StateDict().Select(entry => entry.Name).Where(name => !file.Contains(name)));
        return (encoder, ids, valid, file);
    }

    private static float[] RealRows(float[] output, int[] valid) =>
        Enumerable.Range(0, Batch).SelectMany(b => output.AsSpan(b * Sequence * Encoder.Width, valid[b] * Encoder.Width).ToArray()).ToArray();

    private static double MaxErrorOnRealRows(float[] output, float[] reference, int[] valid) =>
        RealRows(output, valid).Zip(RealRows(reference, valid), (a, r) => Math.Abs((double)a - r)).Max();
}
