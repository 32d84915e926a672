using System;
using System.Globalization;
using KernelGen.Generator.Model;

namespace KernelGen.Generator.Emitting;

/// <summary>
/// Emits a tiled GPU kernel of a linear layer (batches of 32 rows or more): a group of 16 × 16 threads computes
/// one <see cref="GpuTileSpec"/> of outputs, k staged through two shared buffers in ascending order. Written for
/// <c>ptxas</c>: a whole k-slice is written out, every shared read is a thread's base address plus a constant
/// (64-bit index arithmetic, so the constant folds into the load's offset), and the input rows are staged with
/// 128-bit loads along k where the launch says the input is 16-byte aligned.
/// </summary>
internal static class LinearTiledKernelEmitter
{
    private const string View = "global::ILGPU.ArrayView<float>";
    private const string Float4 = "global::KernelGen.Generated.Float4";

    /// <summary>Threads along the columns of a warp's 32 (<see cref="WarpColumns"/> × <see cref="WarpRows"/>).</summary>
    private const int WarpColumns = 8;

    /// <summary>Threads along the rows of a warp's 32.</summary>
    private const int WarpRows = 32 / WarpColumns;

    public static void Emit(CodeWriter writer, LinearLayerModel model, GpuTileSpec tile, Func<string, string, string, string> store)
    {
        int side = GpuTileSpec.GroupSide;
        int depth = tile.Depth;
        int threads = GpuTileSpec.Threads;
        int rv = tile.RowVector;
        int cv = tile.ColumnVector;
        string bVector = GpuTileSpec.VectorType(cv);
        int aLoads = tile.Rows * depth / (rv * threads);
        int bLoads = tile.Columns * depth / (cv * threads);
        int aStride = tile.ARowVectors;
        int bStride = tile.BRowVectors;
        bool vectorRows = model.InFeatures % 4 == 0;
        bool partialSlice = model.InFeatures % depth != 0;

        writer.Line($"// GPU, large batches: a group of {side} × {side} threads computes {tile.Rows} rows × {tile.Columns} columns. Thread (tx, ty) owns");
        writer.Line($"// rows ty·{rv} + r + {side * rv}·h (r < {rv}, h < {tile.RowGroups}) and columns tx·{cv} + c + {side * cv}·g (c < {cv}, g < {tile.ColumnGroups}), and reads each band");
        writer.Line($"// of a staged k-row with one {rv * 32}-bit (A) or {cv * 32}-bit (W) shared load. k is staged {depth} at a time, in ascending order, never padded with");
        writer.Line("// zeros: each accumulator is the CPU's chain. Two shared buffers: while one slice is computed, a later one is loaded");
        writer.Line(tile.Sets == 1
            ? "// from global memory into registers and then stored into the other buffer, then one barrier."
            : $"// from global memory into one of {tile.Sets} register sets ({tile.Sets} slices ahead), the next stored into the other buffer, then one barrier.");
        if (vectorRows)
        {
            writer.Line("// vectorRows != 0 (the input is 16-byte aligned): A is read 4 consecutive k of a row at a time; else 4 rows of one k.");
        }

        writer.Line($"private static void {tile.KernelName}<TMath>({View} input, {View} weight, {View} bias, {View} output, int rows, int vectorRows)");
        using (writer.Block("    where TMath : struct, global::KernelGen.IKernelMath"))
        {
            writer.Lines(
                "TMath math = default;",
                $"global::ILGPU.ArrayView<{Float4}> tileA = global::ILGPU.SharedMemory.Allocate<{Float4}>({2 * depth * aStride}); // 2 × [k, row vector], {aStride} vectors per k (1 of padding)",
                $"global::ILGPU.ArrayView<{bVector}> tileB = global::ILGPU.SharedMemory.Allocate<{bVector}>({2 * depth * bStride}); // 2 × [k, column vector]",
                $"global::ILGPU.ArrayView<{bVector}> weightVectors = weight.Cast<{bVector}>();",
                $"int thread = (global::ILGPU.Group.IdxY * {side}) + global::ILGPU.Group.IdxX; // stages by this index");
            EmitThreadOwner(writer, tile);
            writer.Lines(
                $"int rowBase = global::ILGPU.Grid.IdxY * {tile.Rows};",
                $"int columnBase = global::ILGPU.Grid.IdxX * {tile.Columns};");
            if (vectorRows)
            {
                writer.Lines(
                    $"global::ILGPU.ArrayView<{Float4}> inputVectors = input.Cast<{Float4}>();",
                    $"{View} tileAScalars = tileA.Cast<float>();");
            }

            for (int i = 0; i < tile.RowsPerThread; i++)
            {
                writer.Line($"float {EmitText.JoinIndexed(tile.ColumnsPerThread, j => $"acc{i}_{j} = 0f")};");
            }

            EmitStagingIndices(writer, tile, aLoads, bLoads, vectorRows);
            for (int set = 0; set < tile.Sets; set++)
            {
                EmitSliceLoads(writer, tile, aLoads, bLoads, vectorRows, set, set == 0 ? null : $"{set * depth}", declare: true);
            }

            EmitSliceStores(writer, tile, aLoads, bLoads, vectorRows, 0, "0");
            writer.Lines(
                "global::ILGPU.Group.Barrier();",
                "// This thread's first vector in a staged k-row of each buffer; 64-bit, so that the constant offsets of a slice fold into its loads.",
                $"long aRead0 = ty, aRead1 = ty + {depth * aStride}L, bRead0 = tx, bRead1 = tx + {depth * bStride}L;");
            if (tile.Sets == 1)
            {
                using (writer.Block($"for (int k0 = 0, buffer = 0; k0 < K; k0 += {depth}, buffer ^= 1)"))
                {
                    writer.Line("long aSlice = buffer == 0 ? aRead0 : aRead1, bSlice = buffer == 0 ? bRead0 : bRead1;");
                    EmitSlice(writer, tile, aLoads, bLoads, vectorRows, partialSlice, set: 0, kSlice: "k0", nextBuffer: "(buffer ^ 1)");
                }
            }
            else
            {
                // Two register sets, so the loop is written out for two slices: set h holds slice h of each turn and buffer h
                // receives it. Slice s's loads are issued while slice s - 2 is computed and stored after slice s - 1.
                using (writer.Block($"for (int k0 = 0; k0 < K; k0 += {2 * depth})"))
                {
                    using (writer.Block("// slice k0, from buffer 0"))
                    {
                        writer.Line("long aSlice = aRead0, bSlice = bRead0;");
                        EmitSlice(writer, tile, aLoads, bLoads, vectorRows, partialSlice, set: 0, kSlice: "k0", nextBuffer: "1");
                    }

                    using (writer.Block($"if (k0 + {depth} < K) // slice k0 + {depth}, from buffer 1"))
                    {
                        writer.Line("long aSlice = aRead1, bSlice = bRead1;");
                        EmitSlice(writer, tile, aLoads, bLoads, vectorRows, partialSlice, set: 1, kSlice: $"k0 + {depth}", nextBuffer: "0");
                    }
                }
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
                    writer.Line($"if (row{i} < rows && column{j} < N) {store($"acc{i}_{j}", $"row{i}", $"column{j}")}");
                }
            }
        }
    }

    /// <summary>
    /// Which thread (tx, ty) of the 16 × 16 owns this thread's outputs: the launch index, whose warps are 16 tx × 2 ty, or
    /// for <see cref="GpuTileSpec.EightByFourWarps"/> tiles a warp of 8 tx × 4 ty.
    /// </summary>
    private static void EmitThreadOwner(CodeWriter writer, GpuTileSpec tile)
    {
        int side = GpuTileSpec.GroupSide;
        if (!tile.EightByFourWarps)
        {
            writer.Lines("int tx = global::ILGPU.Group.IdxX;", "int ty = global::ILGPU.Group.IdxY;");
            return;
        }

        writer.Lines(
            $"// Warp w owns the outputs of threads tx = {WarpColumns}·(w % {side / WarpColumns}) + lane % {WarpColumns}, ty = {WarpRows}·(w / {side / WarpColumns}) + lane / {WarpColumns}: its shared reads of a",
            $"// k-row touch {WarpColumns} W vectors and {WarpRows} A vectors, where {side} × 2 threads would touch {side} and 2.",
            "int lane = thread % 32, warp = thread / 32;",
            $"int tx = ({WarpColumns} * (warp % {side / WarpColumns})) + (lane % {WarpColumns});",
            $"int ty = ({WarpRows} * (warp / {side / WarpColumns})) + (lane / {WarpColumns});");
    }

    /// <summary>
    /// One slice starting at <paramref name="kSlice"/>, read from <c>aSlice</c>/<c>bSlice</c>: register set <paramref name="set"/>
    /// is reloaded <see cref="GpuTileSpec.Sets"/> slices ahead, the slice's k-steps run, the set holding the following slice is
    /// stored into <paramref name="nextBuffer"/>, then one barrier.
    /// </summary>
    private static void EmitSlice(CodeWriter writer, GpuTileSpec tile, int aLoads, int bLoads, bool vectorRows, bool partialSlice, int set, string kSlice, string nextBuffer)
    {
        int depth = tile.Depth;
        writer.Line($"int next = {kSlice} + {depth};");
        writer.Line($"// Loads {tile.Sets} slice{(tile.Sets == 1 ? string.Empty : "s")} ahead are in flight while this one is computed; past K they load nothing.");
        EmitSliceLoads(writer, tile, aLoads, bLoads, vectorRows, set, tile.Sets == 1 ? "next" : $"{kSlice} + {tile.Sets * depth}", declare: false);
        if (partialSlice)
        {
            using (writer.Block("if (next <= K)"))
            {
                EmitWholeSlice(writer, tile);
            }

            using (writer.Block("else"))
            {
                using (writer.Block($"for (int kk = 0; kk < K - ({kSlice}); kk++)"))
                {
                    EmitKStep(writer, tile, "kk", variable: true);
                }
            }
        }
        else
        {
            EmitWholeSlice(writer, tile);
        }

        using (writer.Block("if (next < K)"))
        {
            EmitSliceStores(writer, tile, aLoads, bLoads, vectorRows, (set + 1) % tile.Sets, nextBuffer);
        }

        writer.Line("global::ILGPU.Group.Barrier();");
    }

    /// <summary>Which vectors of A and W this thread stages in every slice.</summary>
    private static void EmitStagingIndices(CodeWriter writer, GpuTileSpec tile, int aLoads, int bLoads, bool vectorRows)
    {
        int depth = tile.Depth;
        int threads = GpuTileSpec.Threads;
        int rv = tile.RowVector;
        writer.Line($"// What this thread stages per slice: {rv} rows of A at k = aK (or {rv} k of row aK4Row at k = 4·aK4), and {tile.ColumnVector} columns of W at (bK, bColumn).");
        for (int l = 0; l < aLoads; l++)
        {
            string element = Element(l, threads);
            writer.Line($"int aM{l} = {element} / {depth}, aK{l} = {element} % {depth}, aRow{l} = rowBase + (aM{l} * {rv});");
            if (vectorRows)
            {
                writer.Line($"int aK4{l} = {element} % {depth / 4}, aK4Row{l} = {element} / {depth / 4};");
            }
        }

        for (int l = 0; l < bLoads; l++)
        {
            string element = Element(l, threads);
            writer.Line($"int bK{l} = {element} / {tile.BRowVectors}, bN{l} = {element} % {tile.BRowVectors}, bColumn{l} = columnBase + (bN{l} * {tile.ColumnVector});");
        }

        // Where those go in buffer 0, 64-bit like the reads (buffer 1 is a constant further).
        writer.Line($"long {EmitText.JoinIndexed(aLoads, l => $"aPut{l} = (aK{l} * {tile.ARowVectors}) + aM{l}")};");
        if (vectorRows)
        {
            writer.Line($"long {EmitText.JoinIndexed(aLoads, l => $"aPut4{l} = (aK4{l} * {4 * tile.ARowVectors * rv}) + aK4Row{l}")};");
        }

        writer.Line($"long {EmitText.JoinIndexed(bLoads, l => $"bPut{l} = (bK{l} * {tile.BRowVectors}) + bN{l}")};");
    }

    /// <summary>
    /// Loads into register set <paramref name="set"/> the staged vectors of the slice starting at <paramref name="start"/>
    /// (null: 0): zero outside the rows, the packed stride or K (never stored past K).
    /// </summary>
    private static void EmitSliceLoads(CodeWriter writer, GpuTileSpec tile, int aLoads, int bLoads, bool vectorRows, int set, string? start, bool declare)
    {
        string plus = start is null ? string.Empty : $"{Parenthesize(start)} + ";
        if (declare)
        {
            writer.Line($"{Float4} {EmitText.JoinIndexed(aLoads, l => $"aNext{set}_{l}")};");
        }

        if (vectorRows)
        {
            using (writer.Block("if (vectorRows != 0)"))
            {
                string vectorPlus = start is null ? string.Empty : $"({Parenthesize(start)} / 4) + ";
                for (int l = 0; l < aLoads; l++)
                {
                    string row = $"rowBase + aK4Row{l}";
                    writer.Line($"aNext{set}_{l} = {row} < rows && {plus}(aK4{l} * 4) < K ? inputVectors[(({row}) * (K / 4)) + {vectorPlus}aK4{l}] : default;");
                }
            }

            using (writer.Block("else"))
            {
                EmitScalarRowLoads(writer, tile, aLoads, set, plus);
            }
        }
        else
        {
            EmitScalarRowLoads(writer, tile, aLoads, set, plus);
        }

        // The packed weight is KernelGen's own buffer with a stride of whole 32-column blocks, so a
        // vector of columns is in range entirely or not at all, and aligned for one vector load.
        for (int l = 0; l < bLoads; l++)
        {
            string vectorsPerRow = $"(Stride / {tile.ColumnVector})";
            writer.Line($"{(declare ? "var " : string.Empty)}bNext{set}_{l} = bColumn{l} < Stride && {plus}bK{l} < K ? weightVectors[(({plus}bK{l}) * {vectorsPerRow}) + (bColumn{l} / {tile.ColumnVector})] : default;");
        }
    }

    private static string Parenthesize(string expression) => expression.Contains(" ") ? $"({expression})" : expression;

    private static void EmitScalarRowLoads(CodeWriter writer, GpuTileSpec tile, int aLoads, int set, string start)
    {
        for (int l = 0; l < aLoads; l++)
        {
            string elements = EmitText.JoinIndexed(
                tile.RowVector,
                r => $"aRow{l} + {r} < rows && {start}aK{l} < K ? input[((aRow{l} + {r}) * K) + {start}aK{l}] : 0f");
            writer.Line($"aNext{set}_{l} = new {Float4}({elements});");
        }
    }

    /// <summary>Stores the staged vectors into buffer <paramref name="buffer"/> (0, or an expression that is 0 or 1).</summary>
    private static void EmitSliceStores(CodeWriter writer, GpuTileSpec tile, int aLoads, int bLoads, bool vectorRows, int set, string buffer)
    {
        int depth = tile.Depth;
        int floatsPerK = tile.ARowVectors * tile.RowVector;
        bool first = buffer == "0";
        if (buffer == "1")
        {
            writer.Line($"long aBuffer = {depth * tile.ARowVectors}L, bBuffer = {depth * tile.BRowVectors}L;");
        }
        else if (!first)
        {
            writer.Line($"long aBuffer = {buffer} == 0 ? 0L : {depth * tile.ARowVectors}L, bBuffer = {buffer} == 0 ? 0L : {depth * tile.BRowVectors}L;");
        }

        string aBase = first ? string.Empty : "aBuffer + ";
        string bBase = first ? string.Empty : "bBuffer + ";
        if (vectorRows)
        {
            using (writer.Block("if (vectorRows != 0)"))
            {
                // Transposed into [k, row]: the four k of one row go to four k-rows of the tile.
                string scalarBase = first ? string.Empty : $"(aBuffer * {tile.RowVector}) + ";
                for (int l = 0; l < aLoads; l++)
                {
                    for (int e = 0; e < 4; e++)
                    {
                        string offset = e == 0 ? string.Empty : $" + {e * floatsPerK}";
                        writer.Line($"tileAScalars[{scalarBase}aPut4{l}{offset}] = aNext{set}_{l}.{GpuTileSpec.Element(e)};");
                    }
                }
            }

            using (writer.Block("else"))
            {
                EmitRowVectorStores(writer, aLoads, set, aBase);
            }
        }
        else
        {
            EmitRowVectorStores(writer, aLoads, set, aBase);
        }

        for (int l = 0; l < bLoads; l++)
        {
            writer.Line($"tileB[{bBase}bPut{l}] = bNext{set}_{l};");
        }
    }

    private static void EmitRowVectorStores(CodeWriter writer, int aLoads, int set, string aBase)
    {
        for (int l = 0; l < aLoads; l++)
        {
            writer.Line($"tileA[{aBase}aPut{l}] = aNext{set}_{l};");
        }
    }

    /// <summary>Every k-step of a whole slice, written out so that each shared read has a constant offset.</summary>
    private static void EmitWholeSlice(CodeWriter writer, GpuTileSpec tile)
    {
        for (int kk = 0; kk < tile.Depth; kk++)
        {
            EmitKStep(writer, tile, kk.ToString(CultureInfo.InvariantCulture), variable: false);
        }
    }

    /// <summary>One k-step of a tile: the thread's vectors of A and W at k = k0 + <paramref name="kk"/>, then one FMA per accumulator.</summary>
    private static void EmitKStep(CodeWriter writer, GpuTileSpec tile, string kk, bool variable)
    {
        int rv = tile.RowVector;
        int cv = tile.ColumnVector;
        string aOffset(int h) => variable
            ? $"(kk * {tile.ARowVectors}L){Offset(h)}"
            : (int.Parse(kk, CultureInfo.InvariantCulture) * tile.ARowVectors + (h * GpuTileSpec.GroupSide)).ToString(CultureInfo.InvariantCulture);
        string bOffset(int g) => variable
            ? $"(kk * {tile.BRowVectors}L){Offset(g)}"
            : (int.Parse(kk, CultureInfo.InvariantCulture) * tile.BRowVectors + (g * GpuTileSpec.GroupSide)).ToString(CultureInfo.InvariantCulture);
        using (writer.Block($"// k = k0 + {kk}"))
        {
            for (int h = 0; h < tile.RowGroups; h++)
            {
                writer.Line($"{GpuTileSpec.VectorType(rv)} a{h} = tileA[aSlice + {aOffset(h)}];");
            }

            for (int g = 0; g < tile.ColumnGroups; g++)
            {
                writer.Line($"{GpuTileSpec.VectorType(cv)} b{g} = tileB[bSlice + {bOffset(g)}];");
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

    private static string Element(int load, int threads) => load == 0 ? "thread" : $"(thread + {load * threads})";

    private static string Offset(int index) =>
        index == 0 ? string.Empty : " + " + (index * GpuTileSpec.GroupSide).ToString(CultureInfo.InvariantCulture);
}
