using KernelGen.Generator.Model;
using static KernelGen.Generator.Emitting.LayerFileEmitter;

namespace KernelGen.Generator.Emitting;

/// <summary>Emits the generated half of a <c>[MatMul]</c> layer.</summary>
internal static class MatMulLayerEmitter
{
    private const string Views = "global::ILGPU.Index2D, global::ILGPU.ArrayView<float>, global::ILGPU.ArrayView<float>, global::ILGPU.ArrayView<float>, int";

    public static string Emit(MatMulLayerModel model)
    {
        string k = Number(model.InnerSize);
        string n = Number(model.Columns);
        string last = Number(model.InnerSize - 1);
        string[] header =
        [
            $"//   C[b, i, j] = fma(A[b, i, {last}], B[b, {last}, j], ... fma(A[b, i, 0], B[b, 0, j], 0f) ...): one chain per output, k ascending, never split.",
            "// CPU: threads over rows of the stacked A; register tiles of 6 rows × 4 vectors (Vector512) or 4 × 2 (Vector256, Vector128)",
            "//   over B's rows, then 1-row, 1-vector and scalar chains for the rest (KernelGen.MatMulKernels). GPU (ILGPU): one thread per output.",
        ];
        return LayerFileEmitter.Emit(
            model.Type,
            $"[MatMul(innerSize: {k}, columns: {n})]",
            header,
            "global::KernelGen.MatMulLayer",
            writer => writer.Lines(
                "/// <summary>The declared K.</summary>",
                $"private const int K = {k};",
                "/// <summary>The declared N.</summary>",
                $"private const int N = {n};",
                string.Empty,
                "/// <summary>Creates the layer.</summary>",
                $"public {model.Type.Name}()",
                "    : base(innerSize: K, columns: N)",
                "{",
                "}",
                string.Empty,
                "private static void GpuKernel<TMath>(global::ILGPU.Index2D index, global::ILGPU.ArrayView<float> a, global::ILGPU.ArrayView<float> b, global::ILGPU.ArrayView<float> c, int m)",
                "    where TMath : struct, global::KernelGen.IKernelMath =>",
                "    global::KernelGen.MatMulLayer.Output<TMath>(index.Y, index.X, a, b, c, m, K, N);",
                string.Empty,
                "/// <inheritdoc/>",
                $"protected override global::System.Action<{Views}> LoadGpuKernel(global::ILGPU.Runtime.Accelerator accelerator) =>",
                "    accelerator.AcceleratorType == global::ILGPU.Runtime.AcceleratorType.Cuda",
                $"        ? global::KernelGen.Generated.CudaKernelLoader.LoadAutoGroupedStreamKernel<{Views}>(accelerator, GpuKernel<global::KernelGen.CudaMath>)",
                $"        : global::ILGPU.Runtime.KernelLoaders.LoadAutoGroupedStreamKernel<{Views}>(accelerator, GpuKernel<global::KernelGen.CpuMath>);"));
    }
}
