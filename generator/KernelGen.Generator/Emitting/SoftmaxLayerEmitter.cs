using KernelGen.Generator.Model;
using static KernelGen.Generator.Emitting.LayerFileEmitter;

namespace KernelGen.Generator.Emitting;

/// <summary>Emits the generated half of a <c>[Softmax]</c> or <c>[LogSoftmax]</c> layer.</summary>
internal static class SoftmaxLayerEmitter
{
    public static string Emit(SoftmaxLayerModel model)
    {
        string n = Number(model.Features);
        string isLog = Bool(model.IsLog);
        string[] header =
        [
            $"//   m = canonical 32-lane max of the row's {n} values; s = canonical 32-lane sum of DetMath.Exp(x[i] - m);",
            model.IsLog ? "//   y[i] = (x[i] - m) - DetMath.Log(s)." : "//   y[i] = DetMath.Exp(x[i] - m) / s.",
            "//   Lanes: element i in lane i mod 32, in order, then p[j] op= p[j + 16], 8, 4, 2, 1.",
            "// CPU: one thread per block of whole rows. GPU (ILGPU): one warp per row, lane j = lane j; rows up to 1024 held in registers.",
        ];
        return LayerFileEmitter.Emit(
            model.Type,
            $"[{(model.IsLog ? "LogSoftmax" : "Softmax")}(features: {n})]",
            header,
            "global::KernelGen.SoftmaxLayer",
            writer => RowLayerEmitter.Emit(
                writer,
                model.Type.Name,
                ["/// <summary>The declared row length.</summary>", $"private const int FeatureCount = {n};"],
                $"features: FeatureCount, isLog: {isLog}",
                $"global::KernelGen.Generated.SoftmaxKernels.Rows(path, input, output, rowStart, rowEnd, FeatureCount, isLog: {isLog})",
                $"global::KernelGen.Generated.SoftmaxKernels.WarpRow<TMath>(input, output, rows, FeatureCount, isLog: {isLog})"));
    }
}
