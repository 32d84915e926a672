using KernelGen.Generator.Model;
using static KernelGen.Generator.Emitting.LayerFileEmitter;

namespace KernelGen.Generator.Emitting;

/// <summary>Emits the generated half of an <c>[Activation]</c> layer.</summary>
internal static class ActivationLayerEmitter
{
    public static string Emit(ActivationLayerModel model)
    {
        string n = Number(model.Features);
        string function = "global::KernelGen.ActivationFunction." + model.Function;
        string formula = model.Function == "Relu"
            ? "x > 0 ? x : +0 (NaN gives DetMath.CanonicalNaN)"
            : $"DetMath.{model.Function}(x)";
        string[] header =
        [
            $"//   y[i] = {formula} for each of the {n} elements of a row, independently: no reduction, no order.",
            "// CPU: one thread per block of whole rows. GPU (ILGPU): one warp per 32 elements of a row, lane j = element j of them.",
        ];
        string[] constants =
        [
            "/// <summary>The declared row length.</summary>",
            $"private const int FeatureCount = {n};",
            "/// <summary>The declared function.</summary>",
            $"private const global::KernelGen.ActivationFunction DeclaredFunction = {function};",
        ];
        return LayerFileEmitter.Emit(
            model.Type,
            $"[Activation(ActivationFunction.{model.Function}, features: {n})]",
            header,
            "global::KernelGen.ActivationLayer",
            writer => RowLayerEmitter.Emit(
                writer,
                model.Type.Name,
                constants,
                "DeclaredFunction, FeatureCount",
                $"global::KernelGen.ActivationKernels.Rows<global::KernelGen.{model.Function}Function<global::KernelGen.CpuMath>>(path, input, output, rowStart, rowEnd, FeatureCount)",
                $"global::KernelGen.ActivationKernels.WarpRow<global::KernelGen.{model.Function}Function<TMath>>(input, output, rows, FeatureCount)"));
    }
}
