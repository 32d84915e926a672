using System;
using KernelGen;
using KernelGen.Models.MiniLM;
using static KernelGen.GpuBenchmarks.BenchmarkOutput;

namespace KernelGen.GpuBenchmarks;

/// <summary>
/// <c>--minilm-tiers</c>: the MiniLM module (models/KernelGen.Models.MiniLM) with random BERT-scale weights, once with
/// its Linear layers in KG-Bitwise-1 and once in KG-Exact-1, 32 sentences × 128 tokens: each tier's GPU bits against
/// its own CPU bits, the CPU and GPU pass times, and how far the two tiers' outputs are apart. The weights are random
/// so that no 90 MB model has to reach the GPU machine; the real model's accuracy is tested on the CPU.
/// </summary>
internal static class MiniLmTiersBenchmark
{
    private const int Batch = MiniLmBenchmark.Batch;
    private const int Sequence = MiniLmBenchmark.Sequence;
    private const int Passes = 30;

    public static bool Run(GpuDevice gpu)
    {
        SafetensorsFile state = SafetensorsFile.FromMemory(RandomState(seed: 384));
        int[] ids = MiniLmBenchmark.Ids();
        int[] valid = new int[Batch];
        Array.Fill(valid, Sequence);
        bool identical = true;
        float[]? bitwiseOutput = null;
        foreach (KernelArithmetic arithmetic in new[] { KernelArithmetic.Bitwise, KernelArithmetic.Exact })
        {
            MiniLm model = MiniLm.Load(state, arithmetic);
            string tier = ArithmeticVersion.NameOf(arithmetic);
            model.Encode(ids, Batch, Sequence, valid); // warm: packs or slices the weights once
            double cpuMedian = StackTiming.Median(3, () => model.Encode(ids, Batch, Sequence, valid));
            float[] cpu = model.Encode(ids, Batch, Sequence, valid);

            model.To(gpu);
            float[] onGpu = model.Encode(ids, Batch, Sequence, valid);
            int differing = Differing(cpu, onGpu);
            double gpuMedian = StackTiming.Median(Passes, () =>
            {
                using Tensor hidden = model.Forward(ids, Batch, Sequence, valid);
                gpu.Synchronize();
            });
            model.To(Device.Cpu);

            Print($"tier {tier}: GPU {gpuMedian / 1000:F3} ms a pass (median of {Passes} synchronized), CPU {cpuMedian / 1000:F1} ms ({Environment.ProcessorCount} threads, median of 3); {differing} of {cpu.Length} outputs differ from the CPU's bits");
            identical &= differing == 0;
            if (bitwiseOutput is null)
            {
                bitwiseOutput = cpu;
            }
            else
            {
                double max = 0;
                for (int i = 0; i < cpu.Length; i++)
                {
                    max = Math.Max(max, Math.Abs(cpu[i] - bitwiseOutput[i]));
                }

                Print($"tiers: max |exact - bitwise| = {max:E2} over {cpu.Length} outputs ({Differing(cpu, bitwiseOutput)} differ)");
            }
        }

        return identical;
    }

    /// <summary>BertModel's state dict with MiniLM's shapes: embeddings and Linear weights uniform (about BERT's N(0, 0.02) scale), LayerNorms 1 and 0.</summary>
    private static byte[] RandomState(ulong seed)
    {
        var random = new PhiloxRandom(seed);
        var writer = new SafetensorsWriter();
        void Uniform(string name, float bound, params int[] shape)
        {
            using Tensor values = Tensor.Uniform(random, -bound, bound, shape);
            writer.Add(name, values);
        }

        void Norm(string name)
        {
            var ones = new float[MiniLm.Width];
            Array.Fill(ones, 1f);
            writer.Add(name + ".weight", ones, [MiniLm.Width]);
            writer.Add(name + ".bias", new float[MiniLm.Width], [MiniLm.Width]);
        }

        void Linear(string name, int inputs, int outputs)
        {
            Uniform(name + ".weight", 0.035f, outputs, inputs);
            Uniform(name + ".bias", 0.02f, outputs);
        }

        Uniform("embeddings.word_embeddings.weight", 0.1f, MiniLm.Vocabulary, MiniLm.Width);
        Uniform("embeddings.position_embeddings.weight", 0.1f, MiniLm.MaxPositions, MiniLm.Width);
        Uniform("embeddings.token_type_embeddings.weight", 0.1f, MiniLm.TokenTypes, MiniLm.Width);
        Norm("embeddings.LayerNorm");
        for (int layer = 0; layer < MiniLm.Depth; layer++)
        {
            string prefix = $"encoder.layer.{layer}";
            foreach (string projection in new[] { "query", "key", "value" })
            {
                Linear($"{prefix}.attention.self.{projection}", MiniLm.Width, MiniLm.Width);
            }

            Linear($"{prefix}.attention.output.dense", MiniLm.Width, MiniLm.Width);
            Norm($"{prefix}.attention.output.LayerNorm");
            Linear($"{prefix}.intermediate.dense", MiniLm.Width, MiniLm.Intermediate);
            Linear($"{prefix}.output.dense", MiniLm.Intermediate, MiniLm.Width);
            Norm($"{prefix}.output.LayerNorm");
        }

        Linear("pooler.dense", MiniLm.Width, MiniLm.Width);
        return writer.ToArray();
    }
}
