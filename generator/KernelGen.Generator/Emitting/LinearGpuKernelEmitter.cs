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
        EmitTiledKernel(writer, model, GpuTileSpec.Large(model.PackedStride));
        writer.Line();
        EmitTiledKernel(writer, model, GpuTileSpec.Small(model.PackedStride));
        writer.Line();
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
        int aLoads = tile.Rows * depth / threads;
        int bLoads = tile.Columns * depth / threads;
        int aStride = tile.PaddedRows;

        writer.Line($"// GPU, large batches: a group of {side} × {side} threads computes {tile.Rows} rows × {tile.Columns} columns; thread (tx, ty)");
        writer.Line($"// owns rows ty + {side}·i (i < {tile.RowsPerThread}) and columns tx + {side}·j (j < {tile.ColumnsPerThread}). k is staged through shared");
        writer.Line($"// memory {depth} at a time, in ascending order, and never padded: each accumulator is the CPU's chain. The next");
        writer.Line("// slice is loaded into registers while the current one is computed; A's shared rows are padded against bank conflicts.");
        writer.Line($"private static void {tile.KernelName}<TMath>({View} input, {View} weight, {View} bias, {View} output, int rows)");
        using (writer.Block("    where TMath : struct, global::KernelGen.IKernelMath"))
        {
            writer.Lines(
                "TMath math = default;",
                $"{View} tileA = global::ILGPU.SharedMemory.Allocate<float>({depth * aStride}); // [k, row], row stride {aStride}",
                $"{View} tileB = global::ILGPU.SharedMemory.Allocate<float>({depth * tile.Columns}); // [k, column]",
                "int tx = global::ILGPU.Group.IdxX;",
                "int ty = global::ILGPU.Group.IdxY;",
                $"int thread = (ty * {side}) + tx;",
                $"int rowBase = global::ILGPU.Grid.IdxY * {tile.Rows};",
                $"int columnBase = global::ILGPU.Grid.IdxX * {tile.Columns};");
            for (int i = 0; i < tile.RowsPerThread; i++)
            {
                writer.Line($"float {EmitText.JoinIndexed(tile.ColumnsPerThread, j => $"acc{i}_{j} = 0f")};");
            }

            writer.Line("// What this thread stages: A elements (aRow, aK) and W elements (bK, bColumn) of each slice.");
            for (int l = 0; l < aLoads; l++)
            {
                string element = l == 0 ? "thread" : $"(thread + {l * threads})";
                writer.Line($"int aM{l} = {element} / {depth}, aK{l} = {element} % {depth}, aRow{l} = rowBase + aM{l};");
            }

            for (int l = 0; l < bLoads; l++)
            {
                string element = l == 0 ? "thread" : $"(thread + {l * threads})";
                writer.Line($"int bK{l} = {element} / {tile.Columns}, bN{l} = {element} % {tile.Columns}, bColumn{l} = columnBase + bN{l};");
            }

            EmitSliceLoads(writer, tile, aLoads, bLoads, "0", declare: true);
            using (writer.Block($"for (int k0 = 0; k0 < K; k0 += {depth})"))
            {
                writer.Line($"int sliceDepth = K - k0 < {depth} ? K - k0 : {depth};");
                for (int l = 0; l < aLoads; l++)
                {
                    writer.Line($"tileA[(aK{l} * {aStride}) + aM{l}] = aNext{l};");
                }

                for (int l = 0; l < bLoads; l++)
                {
                    writer.Line($"tileB[(bK{l} * {tile.Columns}) + bN{l}] = bNext{l};");
                }

                writer.Line("global::ILGPU.Group.Barrier();");
                writer.Line("// The next slice's loads are in flight while this one is computed; past K they load nothing.");
                EmitSliceLoads(writer, tile, aLoads, bLoads, $"k0 + {depth}", declare: false);
                using (writer.Block("for (int kk = 0; kk < sliceDepth; kk++)"))
                {
                    for (int i = 0; i < tile.RowsPerThread; i++)
                    {
                        writer.Line($"float a{i} = tileA[(kk * {aStride}) + ty{Offset(i)}];");
                    }

                    for (int j = 0; j < tile.ColumnsPerThread; j++)
                    {
                        writer.Line($"float b{j} = tileB[(kk * {tile.Columns}) + tx{Offset(j)}];");
                    }

                    for (int i = 0; i < tile.RowsPerThread; i++)
                    {
                        for (int j = 0; j < tile.ColumnsPerThread; j++)
                        {
                            writer.Line($"acc{i}_{j} = math.Fma(a{i}, b{j}, acc{i}_{j});");
                        }
                    }
                }

                writer.Line("global::ILGPU.Group.Barrier();");
            }

            for (int i = 0; i < tile.RowsPerThread; i++)
            {
                writer.Line($"int row{i} = rowBase + ty{Offset(i)};");
            }

            for (int j = 0; j < tile.ColumnsPerThread; j++)
            {
                writer.Line($"int column{j} = columnBase + tx{Offset(j)};");
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

    /// <summary>Loads one slice's staged elements into registers: zero outside the rows, the packed stride or K.</summary>
    private static void EmitSliceLoads(CodeWriter writer, GpuTileSpec tile, int aLoads, int bLoads, string sliceStart, bool declare)
    {
        string type = declare ? "float " : string.Empty;
        string start = sliceStart == "0" ? string.Empty : "next + ";
        if (!declare)
        {
            writer.Line($"int next = {sliceStart};");
        }

        for (int l = 0; l < aLoads; l++)
        {
            writer.Line($"{type}aNext{l} = aRow{l} < rows && {start}aK{l} < K ? input[(aRow{l} * K) + {start}aK{l}] : 0f;");
        }

        for (int l = 0; l < bLoads; l++)
        {
            writer.Line($"{type}bNext{l} = bColumn{l} < Stride && {start}bK{l} < K ? weight[(({start}bK{l}) * Stride) + bColumn{l}] : 0f;");
        }
    }

    private static void EmitLoader(CodeWriter writer, LinearLayerModel model)
    {
        writer.Line("/// <inheritdoc/>");
        using (writer.Block("protected override global::KernelGen.LinearGpuKernels LoadGpuKernels(global::ILGPU.Runtime.Accelerator accelerator)"))
        {
            using (writer.Block("if (accelerator.AcceleratorType == global::ILGPU.Runtime.AcceleratorType.Cuda)"))
            {
                EmitKernelsExpression(writer, model, "global::KernelGen.CudaMath");
            }

            EmitKernelsExpression(writer, model, "global::KernelGen.CpuMath");
        }
    }

    private static void EmitKernelsExpression(CodeWriter writer, LinearLayerModel model, string math)
    {
        const string Loader = "global::ILGPU.Runtime.KernelLoaders";
        GpuTileSpec large = GpuTileSpec.Large(model.PackedStride);
        GpuTileSpec small = GpuTileSpec.Small(model.PackedStride);
        writer.Lines(
            "return new global::KernelGen.LinearGpuKernels(",
            "    accelerator,",
            $"    {Loader}.LoadAutoGroupedStreamKernel<global::ILGPU.Index2D, {Views}>(accelerator, GpuPerOutputKernel<{math}>),",
            $"    new global::KernelGen.TiledGpuKernel({Loader}.LoadStreamKernel<{Views}, int>(accelerator, {large.KernelName}<{math}>), tileRows: {large.Rows}, tileColumns: {large.Columns}),",
            $"    new global::KernelGen.TiledGpuKernel({Loader}.LoadStreamKernel<{Views}, int>(accelerator, {small.KernelName}<{math}>), tileRows: {small.Rows}, tileColumns: {small.Columns}));");
    }

    private static string Store(LinearLayerModel model, string accumulator, string row, string column) =>
        model.HasBias
            ? $"output[({row} * N) + {column}] = global::KernelGen.DetMath.CanonicalizeNaN(math.Add({accumulator}, bias[{column}]));"
            : $"output[({row} * N) + {column}] = global::KernelGen.DetMath.CanonicalizeNaN({accumulator});";

    private static string Offset(int index) =>
        index == 0 ? string.Empty : " + " + (index * GpuTileSpec.GroupSide).ToString(CultureInfo.InvariantCulture);
}
