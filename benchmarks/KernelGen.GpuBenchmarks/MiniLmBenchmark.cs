using System;
using System.Diagnostics;
using System.IO;
using KernelGen;
using KernelGen.Models.MiniLM;
using static KernelGen.GpuBenchmarks.BenchmarkOutput;

namespace KernelGen.GpuBenchmarks;

/// <summary>
/// <c>--minilm FILE.onnx</c>: the real all-MiniLM-L6-v2 (the module of models/KernelGen.Models.MiniLM, loaded from the
/// ONNX export) on the GPU, 32 sentences × 128 tokens: the whole forward pass from host ids to the last hidden state on
/// the device (median of synchronized passes, and passes queued back to back), its bits against the CPU's, and the
/// ids and hidden state written for <c>benchmarks/gpu/torch_minilm.py</c>, which times PyTorch on the same weights
/// and ids. The line starting with <c>minilm</c> is for that script.
/// </summary>
internal static class MiniLmBenchmark
{
    /// <summary>Sentences a pass.</summary>
    internal const int Batch = 32;

    /// <summary>Tokens a sentence.</summary>
    internal const int Sequence = 128;
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
        int differing = Differing(cpu, onGpu);

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

    /// <summary>
    /// <c>--minilm-kinds</c>: each kind of layer of the model at its shape (32 × 128 tokens), alone on device tensors,
    /// median of synchronized calls, and its share of one forward pass (6 layers). The weights are the layers'
    /// initial ones: a kernel's time does not depend on the values.
    /// </summary>
    public static void Kinds(GpuDevice gpu)
    {
        var random = new PhiloxRandom(seed: 7);
        int[] valid = new int[Batch];
        Array.Fill(valid, Sequence);
        using Tensor x = Tensor.Uniform(random, -1f, 1f, Batch, Sequence, MiniLm.Width).To(gpu);
        using Tensor wide = Tensor.Uniform(random, -1f, 1f, Batch, Sequence, MiniLm.Intermediate).To(gpu);
        Projection projection = new Projection().To(gpu);
        IntermediateDense intermediate = new IntermediateDense().To(gpu);
        OutputDense output = new OutputDense().To(gpu);
        SelfAttention attention = new SelfAttention().To(gpu);
        PostNorm norm = new PostNorm().To(gpu);
        (string Name, int PerLayer, Func<Tensor> Call)[] kinds =
        [
            ("linear 384x384 (q, k, v, attention output)", 4, () => projection.Forward(x)),
            ("linear 384x1536 + gelu", 1, () => intermediate.Forward(x)),
            ("linear 1536x384", 1, () => output.Forward(wide)),
            ("attention 12 x 32", 1, () => attention.Forward(x, x, x, causal: false, valid)),
            ("layernorm + residual", 2, () => norm.Forward(x, x)),
        ];
        double total = 0;
        var times = new double[kinds.Length];
        for (int i = 0; i < kinds.Length; i++)
        {
            Func<Tensor> call = kinds[i].Call;
            times[i] = StackTiming.Median(Passes, () =>
            {
                using Tensor result = call();
                gpu.Synchronize();
            });
            total += times[i] * kinds[i].PerLayer * MiniLm.Depth;
        }

        for (int i = 0; i < kinds.Length; i++)
        {
            double perPass = times[i] * kinds[i].PerLayer * MiniLm.Depth;
            Print($"kind {kinds[i].Name}: {times[i]:F1} us a call, x{kinds[i].PerLayer * MiniLm.Depth} a pass = {perPass / 1000:F3} ms ({100 * perPass / total:F0}%)");
        }

        Print($"kind sum of the kinds: {total / 1000:F3} ms a pass");
    }

    /// <summary><c>[CLS] w … w [SEP]</c> for every sentence, the words drawn from the vocabulary's ordinary tokens.</summary>
    internal static int[] Ids()
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
}
