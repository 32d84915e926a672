using KernelGen.Generator.Model;
using static KernelGen.Generator.Emitting.LayerFileEmitter;

namespace KernelGen.Generator.Emitting;

/// <summary>Emits the generated half of a <c>[BatchNorm1d]</c> or <c>[BatchNorm2d]</c> layer.</summary>
internal static class BatchNormLayerEmitter
{
    private const string View = "global::ILGPU.ArrayView<float>";

    public static string Emit(BatchNormLayerModel model)
    {
        string c = Number(model.NumFeatures);
        string eps = FloatLiteral(model.Epsilon);
        string momentum = FloatLiteral(model.Momentum);
        string affine = Bool(model.Affine);
        string[] header =
        [
            $"//   inference: y = {(model.Affine ? "fma((x - running_mean[c]) * r, weight[c], bias[c])" : "(x - running_mean[c]) * r")}, r = DetMath.Rsqrt(running_var[c] + {eps}); no state changes.",
            "//   training, per channel over its n = N·S values (value e = sample e / S, position e mod S, in lane e mod 32):",
            "//     mean = canonical sum / n; ss = canonical sum of fma(d, d, ·), d = x - mean; normalize with var = ss / n (biased);",
            $"//     running_mean = fma({momentum}, mean, (1 - {momentum}) * running_mean); running_var = fma({momentum}, ss / (n - 1), (1 - {momentum}) * running_var).",
            "//   n = 1 is refused (InvalidOperationException), never NaN.",
            "// GPU (ILGPU): statistics by one group of 32 threads per channel; normalization by one thread per value.",
        ];
        return LayerFileEmitter.Emit(
            model.Type,
            $"[BatchNorm{model.SpatialDims}d(numFeatures: {c}, Epsilon = {eps}, Momentum = {momentum}, Affine = {affine})]",
            header,
            "global::KernelGen.BatchNormLayer",
            writer => writer.Lines(
                "/// <summary>The declared channels.</summary>",
                $"private const int Channels = {c};",
                "/// <summary>The declared ε.</summary>",
                $"private const float Eps = {eps};",
                "/// <summary>The declared momentum.</summary>",
                $"private const float DeclaredMomentum = {momentum};",
                string.Empty,
                "/// <summary>Creates the layer with PyTorch's initial state.</summary>",
                $"public {model.Type.Name}()",
                $"    : base(numFeatures: Channels, epsilon: Eps, momentum: DeclaredMomentum, affine: {affine}, spatialDims: {Number(model.SpatialDims)})",
                "{",
                "}",
                string.Empty,
                $"private static void GpuNormalizeKernel<TMath>(global::ILGPU.Index1D index, {View} input, {View} output, {View} state, int spatial, int training)",
                "    where TMath : struct, global::KernelGen.IKernelMath =>",
                $"    global::KernelGen.Generated.BatchNormKernels.NormalizeElement<TMath>(index, input, output, state, spatial, training, Channels, Eps, affine: {affine});",
                string.Empty,
                $"private static void GpuStatisticsKernel<TMath>({View} input, {View} state, int batch, int spatial)",
                "    where TMath : struct, global::KernelGen.IKernelMath",
                "{",
                $"    {View} scratch = global::ILGPU.SharedMemory.Allocate<float>(global::KernelGen.CanonicalReduction.Lanes);",
                "    global::KernelGen.Generated.BatchNormKernels.GroupStatistics<TMath>(input, state, scratch, batch, spatial, Channels, DeclaredMomentum);",
                "}",
                string.Empty,
                "/// <inheritdoc/>",
                "protected override global::KernelGen.Generated.BatchNormGpuKernels LoadGpuKernels(global::ILGPU.Runtime.Accelerator accelerator) =>",
                "    accelerator.AcceleratorType == global::ILGPU.Runtime.AcceleratorType.Cuda",
                "        ? new global::KernelGen.Generated.BatchNormGpuKernels(",
                $"            global::KernelGen.Generated.CudaKernelLoader.LoadAutoGroupedStreamKernel<global::ILGPU.Index1D, {View}, {View}, {View}, int, int>(accelerator, GpuNormalizeKernel<global::KernelGen.CudaMath>),",
                $"            global::KernelGen.Generated.CudaKernelLoader.LoadStreamKernel<{View}, {View}, int, int>(accelerator, GpuStatisticsKernel<global::KernelGen.CudaMath>))",
                "        : new global::KernelGen.Generated.BatchNormGpuKernels(",
                $"            global::ILGPU.Runtime.KernelLoaders.LoadAutoGroupedStreamKernel<global::ILGPU.Index1D, {View}, {View}, {View}, int, int>(accelerator, GpuNormalizeKernel<global::KernelGen.CpuMath>),",
                $"            global::ILGPU.Runtime.KernelLoaders.LoadStreamKernel<{View}, {View}, int, int>(accelerator, GpuStatisticsKernel<global::KernelGen.CpuMath>));"));
    }
}
