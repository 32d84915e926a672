using KernelGen.Generator.Model;

namespace KernelGen.Generator.Emitting;

/// <summary>
/// Emits the ILGPU kernel of a linear layer and its loader. The kernel is generic over
/// <c>KernelGen.IKernelMath</c> and loaded as <c>GpuKernel&lt;CudaMath&gt;</c> on CUDA (fma.rn.f32
/// through inline PTX) and as <c>GpuKernel&lt;CpuMath&gt;</c> on ILGPU's CPU accelerator: a runtime
/// branch between the two would still be compiled, and fail, on CUDA.
/// </summary>
internal static class LinearGpuKernelEmitter
{
    private const string View = "global::ILGPU.ArrayView<float>";
    private const string KernelType = "global::System.Action<global::ILGPU.Runtime.AcceleratorStream, global::ILGPU.Index2D, " + View + ", " + View + ", " + View + ", " + View + ">";
    private const string LoaderTypeArguments = "global::ILGPU.Index2D, " + View + ", " + View + ", " + View + ", " + View;

    public static void Emit(CodeWriter writer, LinearLayerModel model)
    {
        writer.Line("// GPU: one thread per output (column = index.X, row = index.Y); the same chain as the CPU, no atomics, no split of k.");
        writer.Line($"private static void GpuKernel<TMath>(global::ILGPU.Index2D index, {View} input, {View} weight, {View} bias, {View} output)");
        using (writer.Block("    where TMath : struct, global::KernelGen.IKernelMath"))
        {
            writer.Lines(
                "TMath math = default;",
                "int column = index.X;",
                "int row = index.Y;",
                "int inputRow = row * K;",
                "float acc = 0f;");
            using (writer.Block("for (int k = 0; k < K; k++)"))
            {
                writer.Line("acc = math.Fma(input[inputRow + k], weight[(k * Stride) + column], acc);");
            }

            writer.Line(model.HasBias
                ? "output[(row * N) + column] = math.Add(acc, bias[column]);"
                : "output[(row * N) + column] = acc;");
        }

        writer.Line();
        writer.Line("/// <inheritdoc/>");
        using (writer.Block($"protected override {KernelType} LoadGpuKernel(global::ILGPU.Runtime.Accelerator accelerator)"))
        {
            writer.Lines(
                "return accelerator.AcceleratorType == global::ILGPU.Runtime.AcceleratorType.Cuda",
                $"    ? global::ILGPU.Runtime.KernelLoaders.LoadAutoGroupedKernel<{LoaderTypeArguments}>(accelerator, GpuKernel<global::KernelGen.CudaMath>)",
                $"    : global::ILGPU.Runtime.KernelLoaders.LoadAutoGroupedKernel<{LoaderTypeArguments}>(accelerator, GpuKernel<global::KernelGen.CpuMath>);");
        }
    }
}
