using KernelGen.Generator.Model;
using static KernelGen.Generator.Emitting.LayerFileEmitter;

namespace KernelGen.Generator.Emitting;

/// <summary>Emits the generated half of a <c>[LayerNorm]</c> or <c>[RmsNorm]</c> layer.</summary>
internal static class NormLayerEmitter
{
    public static string Emit(NormLayerModel model)
    {
        bool layerNorm = model.Kind == NormKind.LayerNorm;
        string n = Number(model.Features);
        string residual = "global::KernelGen.ResidualAdd." + model.Residual;
        string declaration = layerNorm
            ? $"[LayerNorm(features: {n}, Epsilon = {FloatLiteral(model.Epsilon)}, ElementwiseAffine = {Bool(model.HasWeight)}, Bias = {Bool(model.HasBias)}, Residual = ResidualAdd.{model.Residual})]"
            : $"[RmsNorm(features: {n}, Epsilon = {FloatLiteral(model.Epsilon)}, ElementwiseAffine = {Bool(model.HasWeight)}, Residual = ResidualAdd.{model.Residual})]";
        string normalized = model.HasBias ? "fma((x[i] - mean) * r, weight[i], bias[i])"
            : model.HasWeight ? (layerNorm ? "((x[i] - mean) * r) * weight[i]" : "(x[i] * r) * weight[i]")
            : layerNorm ? "(x[i] - mean) * r" : "x[i] * r";
        string output = model.Residual == "AfterNorm" ? $"residual[i] + ({normalized})" : normalized;
        string[] residualLines = model.Residual switch
        {
            "AfterNorm" => ["//   Residual (AfterNorm): y = residual + Norm(input), the bits of Elementwise.Add(residual, Norm(input)); x = input."],
            "BeforeNorm" => ["//   Residual (BeforeNorm): y = Norm(input + residual); x[i] = input[i] + residual[i] (rounded, the bits of Elementwise.Add), written to y first."],
            _ => [],
        };
        string[] arithmetic = layerNorm
            ?
            [
                $"//   mean = sum(x) / {n}; var = sum(d * d) / {n} with d = x[i] - mean (two passes, biased, squares by fma(d, d, p));",
                $"//   r = DetMath.Rsqrt(var + {FloatLiteral(model.Epsilon)}); y[i] = {output}.",
                "//   Each sum is the canonical reduction: 32 lanes, lane j = x[j] + x[j + 32] + … in order, then p[j] += p[j + 16], 8, 4, 2, 1.",
            ]
            :
            [
                $"//   ms = sum(x * x) / {n} (squares by fma(x, x, p)); r = DetMath.Rsqrt(ms + {FloatLiteral(model.Epsilon)}); y[i] = {output}.",
                "//   The sum is the canonical reduction: 32 lanes, lane j = x[j]² + x[j + 32]² + … in order, then p[j] += p[j + 16], 8, 4, 2, 1.",
            ];
        string[] header =
        [
            .. residualLines,
            .. arithmetic,
            "// CPU: one thread per block of whole rows, 32 lanes in vector registers. GPU (ILGPU): one warp per row, lane j = lane j; rows up to 1024 held in registers.",
        ];

        string[] constants =
        [
            "/// <summary>The declared row length.</summary>",
            $"private const int FeatureCount = {n};",
            "/// <summary>The declared ε.</summary>",
            $"private const float Eps = {FloatLiteral(model.Epsilon)};",
        ];
        string affine = Bool(model.HasWeight);
        string bias = Bool(model.HasBias);
        return layerNorm
            ? LayerFileEmitter.Emit(model.Type, declaration, header, "global::KernelGen.LayerNormLayer", writer => RowLayerEmitter.Emit(
                writer,
                model.Type.Name,
                constants,
                $"features: FeatureCount, epsilon: Eps, elementwiseAffine: {affine}, bias: {bias}, residual: {residual}",
                $"global::KernelGen.Generated.NormKernels.LayerNormRows(path, input, residual, Parameters, output, rowStart, rowEnd, FeatureCount, Eps, hasWeight: {affine}, hasBias: {bias}, residualAdd: {residual})",
                $"global::KernelGen.Generated.NormKernels.LayerNormWarpRow<TMath>(input, residual, parameters, output, rows, FeatureCount, Eps, hasWeight: {affine}, hasBias: {bias}, residualAdd: {residual})",
                takesResidual: true))
            : LayerFileEmitter.Emit(model.Type, declaration, header, "global::KernelGen.RmsNormLayer", writer => RowLayerEmitter.Emit(
                writer,
                model.Type.Name,
                constants,
                $"features: FeatureCount, epsilon: Eps, elementwiseAffine: {affine}, residual: {residual}",
                $"global::KernelGen.Generated.NormKernels.RmsNormRows(path, input, residual, Parameters, output, rowStart, rowEnd, FeatureCount, Eps, hasWeight: {affine}, residualAdd: {residual})",
                $"global::KernelGen.Generated.NormKernels.RmsNormWarpRow<TMath>(input, residual, parameters, output, rows, FeatureCount, Eps, hasWeight: {affine}, residualAdd: {residual})",
                takesResidual: true));
    }
}
