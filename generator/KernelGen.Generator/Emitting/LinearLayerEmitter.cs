using KernelGen.Generator.Model;
using static KernelGen.Generator.Emitting.LayerFileEmitter;

namespace KernelGen.Generator.Emitting;

/// <summary>Emits the generated half of a <c>[Linear]</c> layer: header, constructors, constants and kernels.</summary>
internal static class LinearLayerEmitter
{
    /// <summary>The batch size from which the runtime launches the tiled kernel (runtime: LinearGpuKernels.TiledMinimumRows).</summary>
    private const int GpuTiledMinimumRows = 32;

    public static string Emit(LinearLayerModel model)
    {
        string k = Number(model.InFeatures);
        string n = Number(model.OutFeatures);
        string last = Number(model.InFeatures - 1);
        string chain = $"fma(x[i, {last}], W[j, {last}], ... fma(x[i, 1], W[j, 1], fma(x[i, 0], W[j, 0], 0f)) ...){(model.HasBias ? " + b[j]" : string.Empty)}";
        string[] header =
        [
            model.Activation is { } function ? $"//   y[i, j] = {function}({chain})" : $"//   y[i, j] = {chain}",
            $"//   one chain per output, k ascending from 0 to {last}, never split{(model.HasBias ? "; the bias is added once, after the chain" : string.Empty)}.",
            .. LinearActivationEmitter.HeaderLines(model),
            $"// Weight packed once as [k, j] with a row stride of {Number(model.PackedStride)} (OutFeatures rounded up to {LinearLayerModel.ColumnAlignment}).",
            LinearCpuKernelEmitter.HeaderLines,
            $"// GPU (ILGPU), the same chain with fma.rn.f32 (KernelGen.CudaMath): below {GpuTiledMinimumRows} rows, {LinearStagedKernelEmitter.Columns} columns per group of {LinearStagedKernelEmitter.Threads}",
            $"//   threads with W staged through shared memory (layers of ≥ 256 columns) or one thread per output;",
            $"//   above, groups of 16 × 16 threads computing {TileList(model)} outputs through shared memory",
            $"//   (the tile with the least time for the busiest multiprocessor; see LinearGpuKernels.Choose); k staged {DepthList(model)} at a time in",
            "//   ascending order through two shared buffers, every output's chain in one thread's register (tiles: see each kernel).",
        ];
        if (model.IsExact)
        {
            header =
            [
                $"// Arithmetic = Exact (KG-Exact-1, docs/arithmetic.md): y[i, j] = RNE_float32(N·2^(E(x[i]) + E(W[j]) − 60)){(model.HasBias ? " + b[j]" : string.Empty)}{(model.Activation is { } f ? $", then {f}" : string.Empty)},",
                "//   N the exact integer sum of the ten kept int8 slice-pair products of x[i] and W[j] quantized to 31 bits by their own",
                "//   largest magnitudes: one value for any order or split of k. The runtime's exact kernels (LinearLayer: CPU integer SIMD;",
                "//   GpuLinearLayer: ILGPU slice, products and combine passes) compute it; the Bitwise kernels below are generated",
                "//   for inspection only and never run for this layer.",
                .. header,
            ];
        }

        string activation = model.Activation is { } declared ? $", Activation = ActivationFunction.{declared}" : string.Empty;
        if (model.IsExact)
        {
            activation += ", Arithmetic = KernelArithmetic.Exact";
        }

        return LayerFileEmitter.Emit(
            model.Type,
            $"[Linear(inFeatures: {k}, outFeatures: {n}, Bias = {(model.HasBias ? "true" : "false")}{activation})]",
            header,
            "global::KernelGen.LinearLayer",
            writer => EmitMembers(writer, model));
    }

    private static void EmitMembers(CodeWriter writer, LinearLayerModel model)
    {
        string name = model.Type.Name;
        writer.Lines(
            "/// <summary>The dot-product length: InFeatures.</summary>",
            $"private const int K = {Number(model.InFeatures)};",
            "/// <summary>The output row length: OutFeatures.</summary>",
            $"private const int N = {Number(model.OutFeatures)};",
            "/// <summary>The row stride of the packed weight.</summary>",
            $"private const int Stride = {Number(model.PackedStride)};",
            string.Empty,
            $"/// <summary>Creates the layer with every parameter zero; set them with <see cref=\"global::KernelGen.LinearLayer.SetParameters\"/>.</summary>",
            $"public {name}()",
            BaseCall(model),
            "{",
            "}",
            string.Empty,
            "/// <summary>Creates the layer initialized like PyTorch's nn.Linear (uniform in ±1/√InFeatures) from a Philox stream keyed by <paramref name=\"seed\"/>.</summary>",
            "/// <param name=\"seed\">The seed; the same seed gives the same parameters on every machine.</param>",
            $"public {name}(ulong seed)",
            "    : this()",
            "{",
            "    InitializeUniform(seed);",
            "}",
            string.Empty);

        LinearCpuKernelEmitter.EmitDispatch(writer);
        LinearActivationEmitter.EmitCpuEpilogue(writer, model);
        foreach (SimdPathSpec path in SimdPathSpec.All)
        {
            writer.Line();
            LinearCpuKernelEmitter.EmitPath(writer, model, path);
        }

        writer.Line();
        LinearActivationEmitter.EmitGpuEpilogue(writer, model);
        LinearGpuKernelEmitter.Emit(writer, model);
    }

    /// <summary>The base constructor call: the arithmetic is passed only when it is not the default, so Bitwise layers keep their text.</summary>
    private static string BaseCall(LinearLayerModel model)
    {
        string bias = model.HasBias ? "true" : "false";
        string activation = model.Activation is { } function ? LinearActivationEmitter.Member(function) : "null";
        return model.IsExact
            ? $"    : base(inFeatures: K, outFeatures: N, hasBias: {bias}, activation: {activation}, arithmetic: global::KernelGen.KernelArithmetic.Exact)"
            : $"    : base(inFeatures: K, outFeatures: N, hasBias: {bias}{(model.Activation is { } declared ? $", activation: {LinearActivationEmitter.Member(declared)}" : string.Empty)})";
    }

    /// <summary>The tiled kernels' tiles, largest first: "128 × 128, 128 × 64 or 64 × 64".</summary>
    private static string DepthList(LinearLayerModel model) =>
        string.Join(" or ", System.Linq.Enumerable.Distinct(System.Array.ConvertAll(GpuTileSpec.All(model.PackedStride), tile => Number(tile.Depth))));

    private static string TileList(LinearLayerModel model)
    {
        string[] tiles = System.Array.ConvertAll(GpuTileSpec.All(model.PackedStride), tile => $"{tile.Rows} × {tile.Columns}");
        return $"{string.Join(", ", tiles, 0, tiles.Length - 1)} or {tiles[tiles.Length - 1]}";
    }
}
