using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using KernelGen;
using SentenceEmbeddings;

namespace KernelGen.GpuBenchmarks;

/// <summary>
/// <c>--minilm FILE.onnx</c>: the real all-MiniLM-L6-v2 (the module of samples/SentenceEmbeddings, loaded from the
/// ONNX export) on the GPU, 32 sentences × 128 tokens: the whole forward pass from host ids to the last hidden state on
/// the device (median of synchronized passes, and passes queued back to back), its bits against the CPU's, and the
/// ids and hidden state written for <c>benchmarks/gpu/torch_minilm.py</c>, which times PyTorch on the same weights
/// and ids. The line starting with <c>minilm</c> is for that script.
/// </summary>
internal static class MiniLmBenchmark
{
    private const int Batch = 32;
    private const int Sequence = 128;
    private const int Passes = 50;

    public static bool Run(GpuDevice gpu, string modelPath, string? exportDirectory)
    {
        MiniLm model = MiniLm.Load(OnnxFile.Open(modelPath));
        int[] ids = Ids();
        int[] valid = new int[Batch];
        Array.Fill(valid, Sequence);

        var clock = Stopwatch.StartNew();
        float[] cpu = model.Encode(ids, Batch, Sequence, valid);
        Console.WriteLine($"# all-MiniLM-L6-v2, {Batch} x {Sequence} tokens; CPU forward pass (the reference bits, {Environment.ProcessorCount} threads) {clock.ElapsedMilliseconds} ms");

        model.To(gpu);
        float[] onGpu = model.Encode(ids, Batch, Sequence, valid);
        int differing = 0;
        for (int i = 0; i < cpu.Length; i++)
        {
            differing += BitConverter.SingleToInt32Bits(cpu[i]) != BitConverter.SingleToInt32Bits(onGpu[i]) ? 1 : 0;
        }

        double median = StackTiming.Median(Passes, () =>
        {
            using Tensor hidden = model.Forward(ids, Batch, Sequence, valid);
            gpu.Synchronize();
        });
        const int Queued = 20;
        clock.Restart();
        for (int i = 0; i < Queued; i++)
        {
            using Tensor hidden = model.Forward(ids, Batch, Sequence, valid);
        }

        gpu.Synchronize();
        double queued = clock.Elapsed.TotalMicroseconds / Queued;
        Print($"minilm kernelgen {median / 1000:F3}");
        Print($"# kernelgen: median of {Passes} synchronized passes (host ids in, hidden state on the device) {median / 1000:F3} ms; {Queued} passes queued {queued / 1000:F3} ms each; {differing} of {cpu.Length} outputs differ from the CPU's bits");
        if (exportDirectory is not null)
        {
            Directory.CreateDirectory(exportDirectory);
            long[] longIds = Array.ConvertAll(ids, id => (long)id);
            new SafetensorsWriter()
                .Add("input_ids", longIds, [Batch, Sequence])
                .Add("last_hidden_state", onGpu, [Batch, Sequence, MiniLm.Width])
                .Save(Path.Combine(exportDirectory, "minilm-kernelgen.safetensors"));
        }

        model.To(Device.Cpu);
        return differing == 0;
    }

    /// <summary><c>[CLS] w … w [SEP]</c> for every sentence, the words drawn from the vocabulary's ordinary tokens.</summary>
    private static int[] Ids()
    {
        const int Cls = 101, Sep = 102, FirstWord = 1996, LastWord = 29611;
        var draws = new float[Batch * Sequence];
        new PhiloxRandom(seed: 32).Fill(draws, 0f, 1f);
        int[] ids = new int[draws.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            int position = i % Sequence;
            ids[i] = position == 0 ? Cls : position == Sequence - 1 ? Sep : FirstWord + (int)(draws[i] * (LastWord - FirstWord));
        }

        return ids;
    }

    private static void Print(string line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
