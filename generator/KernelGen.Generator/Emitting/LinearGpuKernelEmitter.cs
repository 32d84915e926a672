using System.Globalization;
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

    /// <summary>k-steps written out per iteration of a tiled kernel's inner loop (a divisor of <see cref="GpuTileSpec.Depth"/>).</summary>
    private const int KStepsPerIteration = 4;

    public static void Emit(CodeWriter writer, LinearLayerModel model)
    {
        EmitPerOutputKernel(writer, model);
        writer.Line();
        LinearStagedKernelEmitter.Emit(writer, model, (accumulator, row, column) => Store(model, accumulator, row, column));
        writer.Line();
        foreach (GpuTileSpec tile in GpuTileSpec.All(model.PackedStride))
        {
            EmitTiledKernel(writer, model, tile);
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

    private static void EmitTiledKernel(CodeWriter writer, LinearLayerModel model, GpuTileSpec tile)
    {
        int side = GpuTileSpec.GroupSide;
        int depth = GpuTileSpec.Depth;
        int threads = GpuTileSpec.Threads;
        int rv = tile.RowVector;
        int cv = tile.ColumnVector;
        string aVector = GpuTileSpec.VectorType(rv);
        string bVector = GpuTileSpec.VectorType(cv);
        int aLoads = tile.Rows * depth / (rv * threads);
        int bLoads = tile.Columns * depth / (cv * threads);
        int aStride = tile.ARowVectors;
        int bStride = tile.BRowVectors;
        bool fullSlices = model.InFeatures % depth == 0;

        writer.Line($"// GPU, large batches: a group of {side} × {side} threads computes {tile.Rows} rows × {tile.Columns} columns. Thread (tx, ty) owns");
        writer.Line($"// rows ty·{rv} + r + {side * rv}·h (r < {rv}, h < {tile.RowGroups}) and columns tx·{cv} + c + {side * cv}·g (c < {cv}, g < {tile.ColumnGroups}), and reads each band");
        writer.Line($"// of a staged k-row with one {rv * 32}-bit (A) or {cv * 32}-bit (W) shared load. k is staged {depth} at a time, in ascending order, never padded with");
        writer.Line("// zeros: each accumulator is the CPU's chain. Two shared buffers: while one slice is computed, the next is loaded");
        writer.Line("// from global memory into registers and stored into the other buffer, then one barrier.");
        writer.Line($"private static void {tile.KernelName}<TMath>({View} input, {View} weight, {View} bias, {View} output, int rows)");
        using (writer.Block("    where TMath : struct, global::KernelGen.IKernelMath"))
        {
            writer.Lines(
                "TMath math = default;",
                $"global::ILGPU.ArrayView<{aVector}> tileA = global::ILGPU.SharedMemory.Allocate<{aVector}>({2 * depth * aStride}); // 2 × [k, row vector], {aStride} vectors per k (1 of padding)",
                $"global::ILGPU.ArrayView<{bVector}> tileB = global::ILGPU.SharedMemory.Allocate<{bVector}>({2 * depth * bStride}); // 2 × [k, column vector]",
                $"global::ILGPU.ArrayView<{bVector}> weightVectors = weight.Cast<{bVector}>();",
                "int tx = global::ILGPU.Group.IdxX;",
                "int ty = global::ILGPU.Group.IdxY;",
                $"int thread = (ty * {side}) + tx;",
                $"int rowBase = global::ILGPU.Grid.IdxY * {tile.Rows};",
                $"int columnBase = global::ILGPU.Grid.IdxX * {tile.Columns};");
            for (int i = 0; i < tile.RowsPerThread; i++)
            {
                writer.Line($"float {EmitText.JoinIndexed(tile.ColumnsPerThread, j => $"acc{i}_{j} = 0f")};");
            }

            writer.Line($"// What this thread stages: {rv} rows of A at (aRow, aK) and {cv} columns of W at (bK, bColumn) per slice.");
            for (int l = 0; l < aLoads; l++)
            {
                string element = l == 0 ? "thread" : $"(thread + {l * threads})";
                writer.Line($"int aM{l} = {element} / {depth}, aK{l} = {element} % {depth}, aRow{l} = rowBase + (aM{l} * {rv});");
            }

            for (int l = 0; l < bLoads; l++)
            {
                string element = l == 0 ? "thread" : $"(thread + {l * threads})";
                writer.Line($"int bK{l} = {element} / {bStride}, bN{l} = {element} % {bStride}, bColumn{l} = columnBase + (bN{l} * {cv});");
            }

            EmitSliceLoads(writer, tile, aLoads, bLoads, declare: true);
            EmitSliceStores(writer, aLoads, bLoads, aStride, bStride, "0");
            writer.Line("global::ILGPU.Group.Barrier();");
            using (writer.Block($"for (int k0 = 0, buffer = 0; k0 < K; k0 += {depth}, buffer ^= 1)"))
            {
                writer.Line($"int next = k0 + {depth};");
                writer.Line("// The next slice's loads are in flight while this one is computed; past K they load nothing.");
                EmitSliceLoads(writer, tile, aLoads, bLoads, declare: false);
                writer.Line($"int aSlice = buffer * {depth * aStride}, bSlice = buffer * {depth * bStride};");
                if (fullSlices)
                {
                    // Four k-steps per iteration, so that their shared-memory offsets are constants.
                    using (writer.Block($"for (int kk = 0; kk < {depth}; kk += {KStepsPerIteration})"))
                    {
                        for (int step = 0; step < KStepsPerIteration; step++)
                        {
                            EmitKStep(writer, tile, step == 0 ? "kk" : $"kk + {step}", aStride, bStride);
                        }
                    }
                }
                else
                {
                    writer.Line($"int sliceDepth = K - k0 < {depth} ? K - k0 : {depth};");
                    using (writer.Block("for (int kk = 0; kk < sliceDepth; kk++)"))
                    {
                        EmitKStep(writer, tile, "kk", aStride, bStride);
                    }
                }

                using (writer.Block("if (next < K)"))
                {
                    EmitSliceStores(writer, aLoads, bLoads, aStride, bStride, $"(buffer ^ 1)");
                }

                writer.Line("global::ILGPU.Group.Barrier();");
            }

            for (int i = 0; i < tile.RowsPerThread; i++)
            {
                writer.Line($"int row{i} = rowBase + (ty * {rv}) + {GpuTileSpec.BandOffset(i, rv)};");
            }

            for (int j = 0; j < tile.ColumnsPerThread; j++)
            {
                writer.Line($"int column{j} = columnBase + (tx * {cv}) + {GpuTileSpec.BandOffset(j, cv)};");
            }

            for (int i = 0; i < tile.RowsPerThread; i++)
            {
                for (int j = 0; j < tile.ColumnsPerThread; j++)
                {
                    writer.Line($"if (row{i} < rows && column{j} < N) {Store(model, $"acc{i}_{j}", $"row{i}", $"column{j}")}");
                }
            }
        }
    }

    /// <summary>One k-step of a tile: the thread's vectors of A and W at k = k0 + <paramref name="kk"/>, then one FMA per accumulator.</summary>
    private static void EmitKStep(CodeWriter writer, GpuTileSpec tile, string kk, int aStride, int bStride)
    {
        int rv = tile.RowVector;
        int cv = tile.ColumnVector;
        using (writer.Block($"// k = k0 + {kk}"))
        {
            for (int h = 0; h < tile.RowGroups; h++)
            {
                writer.Line($"{GpuTileSpec.VectorType(rv)} a{h} = tileA[aSlice + (({kk}) * {aStride}) + ty{Offset(h)}];");
            }

            for (int g = 0; g < tile.ColumnGroups; g++)
            {
                writer.Line($"{GpuTileSpec.VectorType(cv)} b{g} = tileB[bSlice + (({kk}) * {bStride}) + tx{Offset(g)}];");
            }

            for (int i = 0; i < tile.RowsPerThread; i++)
            {
                string a = $"a{i / rv}.{GpuTileSpec.Element(i % rv)}";
                for (int j = 0; j < tile.ColumnsPerThread; j++)
                {
                    writer.Line($"acc{i}_{j} = math.Fma({a}, b{j / cv}.{GpuTileSpec.Element(j % cv)}, acc{i}_{j});");
                }
            }
        }
    }

    /// <summary>Loads one slice's staged vectors into registers: zero outside the rows, the packed stride or K (never stored past K).</summary>
    private static void EmitSliceLoads(CodeWriter writer, GpuTileSpec tile, int aLoads, int bLoads, bool declare)
    {
        string start = declare ? string.Empty : "next + ";
        for (int l = 0; l < aLoads; l++)
        {
            string elements = EmitText.JoinIndexed(
                tile.RowVector,
                r => $"aRow{l} + {r} < rows && {start}aK{l} < K ? input[((aRow{l} + {r}) * K) + {start}aK{l}] : 0f");
            writer.Line($"{(declare ? "var " : string.Empty)}aNext{l} = new {GpuTileSpec.VectorType(tile.RowVector)}({elements});");
        }

        // The packed weight is KernelGen's own buffer with a stride of whole 32-column blocks, so a
        // vector of columns is in range entirely or not at all, and aligned for one vector load.
        for (int l = 0; l < bLoads; l++)
        {
            string vectorsPerRow = $"(Stride / {tile.ColumnVector})";
            writer.Line($"{(declare ? "var " : string.Empty)}bNext{l} = bColumn{l} < Stride && {start}bK{l} < K ? weightVectors[(({start}bK{l}) * {vectorsPerRow}) + (bColumn{l} / {tile.ColumnVector})] : default;");
        }
    }

    /// <summary>Stores the staged vectors into buffer <paramref name="buffer"/>.</summary>
    private static void EmitSliceStores(CodeWriter writer, int aLoads, int bLoads, int aStride, int bStride, string buffer)
    {
        int depth = GpuTileSpec.Depth;
        string aBase = buffer == "0" ? string.Empty : $"({buffer} * {depth * aStride}) + ";
        string bBase = buffer == "0" ? string.Empty : $"({buffer} * {depth * bStride}) + ";
        for (int l = 0; l < aLoads; l++)
        {
            writer.Line($"tileA[{aBase}(aK{l} * {aStride}) + aM{l}] = aNext{l};");
        }

        for (int l = 0; l < bLoads; l++)
        {
            writer.Line($"tileB[{bBase}(bK{l} * {bStride}) + bN{l}] = bNext{l};");
        }
    }

    private static void EmitLoader(CodeWriter writer, LinearLayerModel model)
    {
        writer.Line("/// <inheritdoc/>");
        using (writer.Block("protected override global::KernelGen.LinearGpuKernels LoadGpuKernels(global::ILGPU.Runtime.Accelerator accelerator)"))
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
        string loader = math == CudaMath ? "global::KernelGen.CudaKernelLoader" : "global::ILGPU.Runtime.KernelLoaders";
        writer.Lines(
            "return new global::KernelGen.LinearGpuKernels(",
            "    accelerator,",
            $"    {loader}.LoadAutoGroupedStreamKernel<global::ILGPU.Index2D, {Views}>(accelerator, GpuPerOutputKernel<{math}>),",
            $"    new global::KernelGen.StagedGpuKernel({loader}.LoadStreamKernel<{Views}, int>(accelerator, {LinearStagedKernelEmitter.KernelName}<{math}>), groupSize: {LinearStagedKernelEmitter.Threads}, groupColumns: {LinearStagedKernelEmitter.Columns}),");
        GpuTileSpec[] tiles = GpuTileSpec.All(model.PackedStride);
        for (int t = 0; t < tiles.Length; t++)
        {
            string end = t == tiles.Length - 1 ? ");" : ",";
            writer.Line($"    new global::KernelGen.TiledGpuKernel({loader}.LoadStreamKernel<{Views}, int>(accelerator, {tiles[t].KernelName}<{math}>), tileRows: {tiles[t].Rows}, tileColumns: {tiles[t].Columns}){end}");
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

    private static string Offset(int index) =>
        index == 0 ? string.Empty : " + " + (index * GpuTileSpec.GroupSide).ToString(CultureInfo.InvariantCulture);
}
