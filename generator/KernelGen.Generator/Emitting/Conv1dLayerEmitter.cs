using KernelGen.Generator.Model;
using static KernelGen.Generator.Emitting.LayerFileEmitter;

namespace KernelGen.Generator.Emitting;

/// <summary>Emits the generated half of a <c>[Conv1d]</c> layer.</summary>
internal static class Conv1dLayerEmitter
{
    public static string Emit(Conv1dLayerModel m)
    {
        string shape = $"new global::KernelGen.Conv1dShape({Number(m.InChannels)}, {Number(m.OutChannels)}, {Number(m.KernelSize)}, {Number(m.InputLength)}, {Number(m.OutputLength)}, " +
            $"{Number(m.Stride)}, {Number(m.Padding)}, {Number(m.Dilation)}, {Number(m.Groups)}, {(m.HasBias ? "1" : "0")})";
        string[] header =
        [
            $"//   row [{Number(m.InChannels)}, {Number(m.InputLength)}] -> [{Number(m.OutChannels)}, {Number(m.OutputLength)}]; output (oc, t) = acc = 0; for ic in oc's group ({Number(m.InChannels / m.Groups)} channels) ascending,",
            $"//   for k = 0..{Number(m.KernelSize - 1)} ascending: p = t * {Number(m.Stride)} + k * {Number(m.Dilation)} - {Number(m.Padding)}; if 0 <= p < {Number(m.InputLength)}: acc = fma(x[ic, p], w[oc, ic, k], acc)",
            $"//   (padded positions skipped, never multiplied){(m.HasBias ? "; then acc + b[oc], once" : string.Empty)}.",
            "// CPU: one thread per block of whole rows. GPU (ILGPU): one warp per row, lane j = outputs j, j + 32, ….",
        ];
        return LayerFileEmitter.Emit(
            m.Type,
            $"[Conv1d(inChannels: {Number(m.InChannels)}, outChannels: {Number(m.OutChannels)}, kernelSize: {Number(m.KernelSize)}, inputLength: {Number(m.InputLength)}, " +
            $"Stride = {Number(m.Stride)}, Padding = {Number(m.Padding)}, Dilation = {Number(m.Dilation)}, Groups = {Number(m.Groups)}, Bias = {Bool(m.HasBias)})]",
            header,
            "global::KernelGen.Conv1dLayer",
            writer => RowLayerEmitter.Emit(
                writer,
                m.Type.Name,
                ["/// <summary>The declared shape.</summary>", $"private static readonly global::KernelGen.Conv1dShape Declared = {shape};"],
                "Declared",
                "global::KernelGen.Generated.Conv1dKernels.Rows(path, input, Parameters, output, rowStart, rowEnd, Declared)",
                $"global::KernelGen.Generated.Conv1dKernels.WarpRow<TMath>(input, parameters, output, rows, {shape})"));
    }
}
