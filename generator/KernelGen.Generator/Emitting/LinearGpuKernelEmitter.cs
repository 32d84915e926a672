using KernelGen.Generator.Model;

namespace KernelGen.Generator.Emitting;

/// <summary>
/// Emits the ILGPU kernels of a linear layer and their loader: one thread per output for small
/// batches, shared-memory tiles for large ones. Both are generic over <c>KernelGen.IKernelMath</c>
/// and loaded as <c>&lt;CudaMath&gt;</c> on CUDA (fma.rn.f32 through inline PTX) and as
/// <c>&lt;CpuMath&gt;</c> on ILGPU's CPU accelerator: a runtime branch between the two would still
/// be compiled, and fail, on CUDA.
/// </summary>
internal static class LinearGpuKernelEmitter
{
    private const string View = "global::ILGPU.ArrayView<float>";
    private const string Views = View + ", " + View + ", " + View + ", " + View;
    private const string CudaMath = "global::KernelGen.CudaMath";

    /// <summary>
    /// k-steps whose weight loads the per-output kernel issues together. A batch of one row has only
    /// OutFeatures threads (k may not be split), so the weight stream is limited by the loads each
    /// thread keeps in flight: 16 gave 0.37 TB/s on an H100 for 1×4096×4096.
    /// </summary>
    public const int PerOutputUnroll = 64;

    public static void Emit(CodeWriter writer, LinearLayerModel model)
    {
        EmitPerOutputKernel(writer, model);
        writer.Line();
        LinearStagedKernelEmitter.Emit(writer, model, (accumulator, row, column) => Store(model, accumulator, row, column));
        writer.Line();
        foreach (GpuTileSpec tile in GpuTileSpec.All(model.PackedStride))
        {
            LinearTiledKernelEmitter.Emit(writer, model, tile, (accumulator, row, column) => Store(model, accumulator, row, column));
            writer.Line();
        }

        EmitLoader(writer, model);
    }

    private static void EmitPerOutputKernel(CodeWriter writer, LinearLayerModel model)
    {
        int unroll = PerOutputUnroll;
        writer.Line("// GPU, small batches: one thread per output (column = index.X, row = index.Y), the CPU's chain.");
        writer.Line($"// The weight loads of {unroll} consecutive k are issued before their FMAs, which still run in ascending k.");
        writer.Line($"private static void GpuPerOutputKernel<TMath>(global::ILGPU.Index2D index, {View} input, {View} weight, {View} bias, {View} output)");
        using (writer.Block("    where TMath : struct, global::KernelGen.IKernelMath"))
        {
            writer.Lines(
                "TMath math = default;",
                "int column = index.X;",
                "int row = index.Y;",
                "int inputRow = row * K;",
                "float acc = 0f;",
                "int k = 0;");
            if (model.InFeatures >= unroll)
            {
                using (writer.Block($"for (; k + {unroll} <= K; k += {unroll})"))
                {
                    for (int u = 0; u < unroll; u++)
                    {
                        writer.Line($"float w{u} = weight[((k + {u}) * Stride) + column];");
                    }

                    for (int u = 0; u < unroll; u++)
                    {
                        writer.Line($"acc = math.Fma(input[inputRow + k + {u}], w{u}, acc);");
                    }
                }
            }

            if (model.InFeatures % unroll != 0)
            {
                using (writer.Block("for (; k < K; k++)"))
                {
                    writer.Line("acc = math.Fma(input[inputRow + k], weight[(k * Stride) + column], acc);");
                }
            }

            writer.Line(Store(model, "acc", "row", "column"));
        }
    }

    private static void EmitLoader(CodeWriter writer, LinearLayerModel model)
    {
        writer.Line("/// <inheritdoc/>");
        using (writer.Block("protected override global::KernelGen.Generated.LinearGpuKernels LoadGpuKernels(global::ILGPU.Runtime.Accelerator accelerator)"))
        {
            using (writer.Block("if (accelerator.AcceleratorType == global::ILGPU.Runtime.AcceleratorType.Cuda)"))
            {
                EmitKernelsExpression(writer, model, CudaMath);
            }

            EmitKernelsExpression(writer, model, "global::KernelGen.CpuMath");
        }
    }

    private static void EmitKernelsExpression(CodeWriter writer, LinearLayerModel model, string math)
    {
        // On CUDA, KernelGen's loader compiles the kernels with their inline-assembly results kept in registers.
        string loader = math == CudaMath ? "global::KernelGen.Generated.CudaKernelLoader" : "global::ILGPU.Runtime.KernelLoaders";
        writer.Lines(
            "return new global::KernelGen.Generated.LinearGpuKernels(",
            "    accelerator,",
            $"    {loader}.LoadAutoGroupedStreamKernel<global::ILGPU.Index2D, {Views}>(accelerator, GpuPerOutputKernel<{math}>),",
            $"    new global::KernelGen.Generated.StagedGpuKernel({loader}.LoadStreamKernel<{Views}, int>(accelerator, {LinearStagedKernelEmitter.KernelName}<{math}>), groupSize: {LinearStagedKernelEmitter.Threads}, groupColumns: {LinearStagedKernelEmitter.Columns}),");
        GpuTileSpec[] tiles = GpuTileSpec.All(model.PackedStride);
        for (int t = 0; t < tiles.Length; t++)
        {
            string end = t == tiles.Length - 1 ? ");" : ",";
            writer.Line($"    new global::KernelGen.Generated.TiledGpuKernel({loader}.LoadStreamKernel<{Views}, int, int>(accelerator, {tiles[t].KernelName}<{math}>), tileRows: {tiles[t].Rows}, tileColumns: {tiles[t].Columns}, vectorRows: {(model.InFeatures % 4 == 0 ? "true" : "false")}){end}");
        }
    }

    /// <summary>Stores an output: the chain, the bias added once, a NaN canonicalized, then the declared activation if any.</summary>
    private static string Store(LinearLayerModel model, string accumulator, string row, string column)
    {
        string value = model.HasBias
            ? $"global::KernelGen.DetMath.CanonicalizeNaN(math.Add({accumulator}, bias[{column}]))"
            : $"global::KernelGen.DetMath.CanonicalizeNaN({accumulator})";
        return $"output[({row} * N) + {column}] = {LinearActivationEmitter.GpuOutput(model, value)};";
    }

}
