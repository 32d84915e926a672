namespace KernelGen.Generator.Emitting;

/// <summary>
/// Emits the members every row-wise layer (a subclass of <c>KernelGen.RowLayer</c>) shares: its
/// constants, its constructor, the CPU row loop and the GPU kernel (warps of 32 threads, one per
/// row or per 32 elements, <c>KernelGen.Generated.RowWarps</c>) with its loader. The kind-specific emitters say what goes in them.
/// </summary>
internal static class RowLayerEmitter
{
    /// <summary>Writes the members.</summary>
    /// <param name="writer">The class body.</param>
    /// <param name="typeName">The layer type's name.</param>
    /// <param name="constants">Constant declarations, each preceded by its doc comment line.</param>
    /// <param name="baseArguments">The base constructor's arguments.</param>
    /// <param name="cpuCall">The call that computes rows [rowStart, rowEnd) from path, input, Parameters and output (and residual).</param>
    /// <param name="gpuCall">The call that computes the calling warp's row (or part of it) from input, parameters, output and rows (and residual), generic over TMath.</param>
    /// <param name="takesResidual">Whether the CPU rows and the GPU kernel take the residual rows (the normalization layers, <c>KernelGen.NormLayer</c>).</param>
    public static void Emit(CodeWriter writer, string typeName, string[] constants, string baseArguments, string cpuCall, string gpuCall, bool takesResidual = false)
    {
        const string View = "global::ILGPU.ArrayView<float>";
        string residualParameter = takesResidual ? "global::System.ReadOnlySpan<float> residual, " : string.Empty;
        string residualView = takesResidual ? $"{View} residual, " : string.Empty;
        string viewTypes = takesResidual ? $"{View}, {View}, {View}, {View}, int" : $"{View}, {View}, {View}, int";
        writer.Lines(constants);
        writer.Lines(
            string.Empty,
            "/// <summary>Creates the layer with PyTorch's initial parameters.</summary>",
            $"public {typeName}()",
            $"    : base({baseArguments})",
            "{",
            "}",
            string.Empty,
            "/// <inheritdoc/>",
            $"protected override void ComputeRows(global::KernelGen.SimdPath path, global::System.ReadOnlySpan<float> input, {residualParameter}global::System.Span<float> output, int rowStart, int rowEnd) =>",
            $"    {cpuCall};",
            string.Empty,
            "// GPU: warps of 32 threads, 4 a group (KernelGen.Generated.RowWarps); lane j of a row's warp owns lane j of every reduction and the elements j, j + 32, ….",
            $"private static void GpuRowKernel<TMath>({View} input, {residualView}{View} parameters, {View} output, int rows)",
            "    where TMath : struct, global::KernelGen.IKernelMath",
            "{",
            $"    {gpuCall};",
            "}",
            string.Empty,
            "/// <inheritdoc/>",
            "protected override global::KernelGen.Generated.RowGpuKernel LoadGpuKernel(global::ILGPU.Runtime.Accelerator accelerator) =>",
            "    new global::KernelGen.Generated.RowGpuKernel(accelerator.AcceleratorType == global::ILGPU.Runtime.AcceleratorType.Cuda",
            $"        ? global::KernelGen.Generated.CudaKernelLoader.LoadStreamKernel<{viewTypes}>(accelerator, GpuRowKernel<global::KernelGen.CudaMath>)",
            $"        : global::ILGPU.Runtime.KernelLoaders.LoadStreamKernel<{viewTypes}>(accelerator, GpuRowKernel<global::KernelGen.CpuMath>));");
    }
}
