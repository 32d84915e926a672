using KernelGen.Generator.Model;
using static KernelGen.Generator.Emitting.LayerFileEmitter;

namespace KernelGen.Generator.Emitting;

/// <summary>Emits the generated half of an <c>[Embedding]</c> layer.</summary>
internal static class EmbeddingLayerEmitter
{
    private const string Views = "global::ILGPU.Index1D, global::ILGPU.ArrayView<int>, global::ILGPU.ArrayView<float>, global::ILGPU.ArrayView<float>";

    public static string Emit(EmbeddingLayerModel model)
    {
        string count = Number(model.NumEmbeddings);
        string dim = Number(model.EmbeddingDim);
        string[] header =
        [
            $"//   y[i, :] = W[ids[i], :], a copy of {dim} floats: no arithmetic, no order. Ids outside [0, {count}) are refused",
            "//   on the host (ArgumentOutOfRangeException); device-resident ids outside it give canonical-NaN rows, never a read out of bounds.",
            "// GPU (ILGPU): one thread per output element.",
        ];
        return LayerFileEmitter.Emit(
            model.Type,
            $"[Embedding(numEmbeddings: {count}, embeddingDim: {dim}, PaddingIndex = {Number(model.PaddingIndex)})]",
            header,
            "global::KernelGen.EmbeddingLayer",
            writer => writer.Lines(
                "/// <summary>The declared number of ids.</summary>",
                $"private const int Count = {count};",
                "/// <summary>The declared row length.</summary>",
                $"private const int Dim = {dim};",
                string.Empty,
                "/// <summary>Creates the table with every value zero; set it with <see cref=\"global::KernelGen.EmbeddingLayer.SetParameters\"/>.</summary>",
                $"public {model.Type.Name}()",
                $"    : base(numEmbeddings: Count, embeddingDim: Dim, paddingIndex: {Number(model.PaddingIndex)})",
                "{",
                "}",
                string.Empty,
                "private static void GpuGatherKernel(global::ILGPU.Index1D index, global::ILGPU.ArrayView<int> ids, global::ILGPU.ArrayView<float> weight, global::ILGPU.ArrayView<float> output) =>",
                "    global::KernelGen.EmbeddingLayer.Gather(index, ids, weight, output, Dim, Count);",
                string.Empty,
                "/// <inheritdoc/>",
                $"protected override global::System.Action<{Views}> LoadGpuKernel(global::ILGPU.Runtime.Accelerator accelerator) =>",
                $"    global::ILGPU.Runtime.KernelLoaders.LoadAutoGroupedStreamKernel<{Views}>(accelerator, GpuGatherKernel);"));
    }
}
