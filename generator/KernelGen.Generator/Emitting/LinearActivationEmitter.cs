using KernelGen.Generator.Model;
using static KernelGen.Generator.Emitting.LayerFileEmitter;

namespace KernelGen.Generator.Emitting;

/// <summary>
/// Emits the epilogue of a <c>[Linear]</c> that declares an <c>Activation</c>: each output is
/// <c>f(v)</c>, where <c>v</c> is the value the layer without the activation stores (the chain, the bias
/// added once, a NaN canonicalized) and <c>f</c> is the <c>[Activation]</c> layer's own function type
/// (<c>KernelGen.GeluFunction&lt;TMath&gt;</c>, …), so the fused layer gives the unfused pair's bits.
/// Layers without an activation get nothing from here.
/// </summary>
internal static class LinearActivationEmitter
{
    /// <summary>The generated CPU helper that applies the activation to finished outputs.</summary>
    public const string CpuHelper = "ActivateStored";

    /// <summary>The generated GPU helper that applies the activation to one output before its store.</summary>
    private const string GpuHelper = "Activate";

    /// <summary>The enum member, fully qualified: <c>global::KernelGen.ActivationFunction.Gelu</c>.</summary>
    public static string Member(string function) => "global::KernelGen.ActivationFunction." + function;

    /// <summary>The header lines that state the epilogue's order; none without an activation.</summary>
    public static string[] HeaderLines(LinearLayerModel model) => model.Activation is not { } function
        ? []
        :
        [
            $"// Epilogue (Activation = {function}): y = f(v), v = the chain above{(model.HasBias ? " plus the bias (added once)" : string.Empty)} with a NaN",
            $"//   canonicalized to 0x7FC00000, exactly what the layer without Activation stores; f = {Formula(function)}.",
            $"//   The bits of this layer without Activation followed by [Activation(ActivationFunction.{function}, {Number(model.OutFeatures)})].",
            "//   CPU: f runs on each row tile's outputs in a block once they are finished, while they are in L1; GPU: on each output in its register, before the store.",
        ];

    /// <summary>Writes the CPU helper the drivers call after each tile (nothing without an activation).</summary>
    public static void EmitCpuEpilogue(CodeWriter writer, LinearLayerModel model)
    {
        if (model.Activation is not { } function)
        {
            return;
        }

        writer.Lines(
            string.Empty,
            $"/// <summary>The declared activation, {function}, in place on the finished outputs of <paramref name=\"rows\"/> rows × <paramref name=\"width\"/> columns from (<paramref name=\"row\"/>, <paramref name=\"column\"/>).</summary>",
            "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]",
            $"private static void {CpuHelper}(global::KernelGen.SimdPath path, global::System.Span<float> output, int row, int rows, int column, int width) =>",
            $"    ActivateTile<{FunctionType(function, "global::KernelGen.CpuMath")}>(path, output, N, row, rows, column, width);");
    }

    /// <summary>
    /// Writes the CPU call that applies the activation to <paramref name="rows"/> rows from <c>row</c>, over the block's
    /// columns, once they are finished (nothing without an activation).
    /// </summary>
    public static void EmitCpuCall(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, string rows)
    {
        if (model.Activation is not null)
        {
            writer.Line($"{CpuHelper}(global::KernelGen.SimdPath.{path.Name}, output, row, {rows}, columnStart, columnEnd - columnStart);");
        }
    }

    /// <summary>Writes the GPU helper the kernels' stores call (nothing without an activation).</summary>
    public static void EmitGpuEpilogue(CodeWriter writer, LinearLayerModel model)
    {
        if (model.Activation is not { } function)
        {
            return;
        }

        writer.Line($"// GPU epilogue: the declared activation, {function}, with the kernel's arithmetic (CudaMath on CUDA), on an output before its store.");
        if (function != "Relu")
        {
            // A 128 × 128 tile stores 64 outputs per thread: 64 inlined copies of GELU made 1.8 MB of PTX (61,000 lines).
            // ILGPU keeps a NoInlining method as one PTX function (6,000 lines in all). ReLU is a compare and a select.
            writer.Lines(
                "// One PTX function, called by every store, rather than a copy of the function per output.",
                "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
        }

        writer.Lines(
            $"private static float {GpuHelper}<TMath>(float value)",
            "    where TMath : struct, global::KernelGen.IKernelMath =>",
            $"    default({FunctionType(function, "TMath")}).Apply(value);",
            string.Empty);
    }

    /// <summary>The value a GPU kernel stores for the canonicalized <paramref name="value"/>: <c>Activate&lt;TMath&gt;(value)</c>, or the value itself.</summary>
    public static string GpuOutput(LinearLayerModel model, string value) =>
        model.Activation is null ? value : $"{GpuHelper}<TMath>({value})";

    private static string FunctionType(string function, string math) => $"global::KernelGen.{function}Function<{math}>";

    private static string Formula(string function) => function == "Relu"
        ? "ActivationKernels.Relu (x > 0 ? x : +0)"
        : $"DetMath.{function}, correctly rounded (docs/detmath.md)";
}
