using KernelGen.Generator.Model;
using static KernelGen.Generator.Emitting.LayerFileEmitter;

namespace KernelGen.Generator.Emitting;

/// <summary>Emits the generated half of an <c>[Attention]</c> layer.</summary>
internal static class AttentionLayerEmitter
{
    private const string Views = "global::ILGPU.ArrayView<float>, global::ILGPU.ArrayView<float>, global::ILGPU.ArrayView<float>, global::ILGPU.ArrayView<float>, global::ILGPU.ArrayView<int>, global::ILGPU.ArrayView<float>, global::KernelGen.Generated.AttentionShape";

    public static string Emit(AttentionLayerModel model)
    {
        string heads = Number(model.Heads);
        string headDim = Number(model.HeadDim);
        string last = Number(model.HeadDim - 1);
        string[] header =
        [
            $"//   for each (sequence, query i, head h) and each key j that i may see (j < valid length; j <= i when causal):",
            $"//     score_j = fma(q[{last}], k_j[{last}], ... fma(q[0], k_j[0], 0f) ...) * (1 / sqrt({headDim})), d ascending;",
            "//     m = canonical 32-lane max of the scores (key j in lane j mod 32; masked keys skipped, never added);",
            "//     e_j = DetMath.Exp(score_j - m); s = canonical 32-lane sum of e_j; p_j = e_j / s;",
            $"//     out[d] = fma chain over the visible keys j ascending of p_j * v_j[d], from 0, for d = 0..{last}.",
            "//   A query that sees no key gives zeros. The key dimension is never split.",
            "// CPU: threads over (sequence, head, query block); tiles of 4 queries x 2 vectors of keys (scores) or of output",
            "//   dimensions (values), each accumulator one chain above (docs/cpu-kernels.md, \"Attention\").",
            "// GPU (ILGPU): one group of 32 threads per (sequence, query, head):",
            "//   thread t scores keys t, t + 32, … and computes output dimensions t, t + 32, ….",
        ];
        return LayerFileEmitter.Emit(
            model.Type,
            $"[Attention(heads: {heads}, headDim: {headDim})]",
            header,
            "global::KernelGen.AttentionLayer",
            writer => writer.Lines(
                "/// <summary>The declared number of heads.</summary>",
                $"private const int HeadCount = {heads};",
                "/// <summary>The declared head length.</summary>",
                $"private const int HeadLength = {headDim};",
                string.Empty,
                "/// <summary>Creates the layer.</summary>",
                $"public {model.Type.Name}()",
                "    : base(heads: HeadCount, headDim: HeadLength)",
                "{",
                "}",
                string.Empty,
                "private static void GpuKernel<TMath>(global::ILGPU.ArrayView<float> q, global::ILGPU.ArrayView<float> k, global::ILGPU.ArrayView<float> v, global::ILGPU.ArrayView<float> output, global::ILGPU.ArrayView<int> validLengths, global::ILGPU.ArrayView<float> probabilities, global::KernelGen.Generated.AttentionShape shape)",
                "    where TMath : struct, global::KernelGen.IKernelMath",
                "{",
                "    global::ILGPU.ArrayView<float> tile = global::ILGPU.SharedMemory.Allocate<float>(global::KernelGen.Generated.AttentionKernels.TileLength);",
                "    float scale = 1f / global::System.MathF.Sqrt(HeadLength);",
                "    global::KernelGen.Generated.AttentionKernels.WarpPerQuery<TMath>(q, k, v, output, validLengths, probabilities, tile, shape, HeadCount, HeadLength, scale);",
                "}",
                string.Empty,
                "/// <inheritdoc/>",
                $"protected override global::System.Action<global::ILGPU.KernelConfig, {Views}> LoadGpuKernel(global::ILGPU.Runtime.Accelerator accelerator) =>",
                "    accelerator.AcceleratorType == global::ILGPU.Runtime.AcceleratorType.Cuda",
                $"        ? global::KernelGen.Generated.CudaKernelLoader.LoadStreamKernel<{Views}>(accelerator, GpuKernel<global::KernelGen.CudaMath>)",
                $"        : global::ILGPU.Runtime.KernelLoaders.LoadStreamKernel<{Views}>(accelerator, GpuKernel<global::KernelGen.CpuMath>);"));
    }
}
