using KernelGen.Generator.Model;

namespace KernelGen.Generator.Emitting;

/// <summary>
/// Emits the GPU kernel for batches of a few rows (decode, GEMV): a group of 256 threads owns 32
/// output columns of every row. A lone row has only as many outputs as columns and k may not be
/// split, so the speed comes from the weight stream: every thread of the group loads W's next slice
/// with 128-bit loads (kept in flight while the current slice is computed) into shared memory, and
/// the lanes then run the CPU's chains from there.
/// </summary>
internal static class LinearStagedKernelEmitter
{
    public const string KernelName = "GpuStagedKernel";

    /// <summary>Threads per group: 8 warps.</summary>
    public const int Threads = 256;

    /// <summary>Output columns per group: one per lane.</summary>
    public const int Columns = 32;

    /// <summary>Rows per thread: warp w owns rows w, w + 8, w + 16, w + 24, which covers every batch below 32 rows.</summary>
    public const int RowsPerThread = 4;

    private const int Warps = Threads / 32;

    /// <summary>
    /// Register sets of staged loads: the loads of slice s are issued while slice s - <see cref="Sets"/> is computed, so a
    /// lone row (one chain per lane, its FMAs back to back) still keeps <see cref="Sets"/> slices of W in flight. The slice
    /// loop is written out for <see cref="Sets"/> slices, set u holding slice u of each turn, so that no register of a load
    /// still in flight is ever copied (a copy would wait for the load).
    /// </summary>
    private const int Sets = 4;

    /// <summary>Shared buffers: one slice is computed while the next is stored.</summary>
    private const int Buffers = 2;

    /// <summary>k-steps written out per iteration of the compute loop: their weight reads are issued together.</summary>
    private const int StepsPerIteration = 16;
    private const int VectorsPerKRow = Columns / 4;
    private const string View = "global::ILGPU.ArrayView<float>";
    private const string Float4 = "global::KernelGen.Float4";

    /// <summary>The k-slice staged per step: 128, or K rounded up to a multiple of 32 when K is smaller.</summary>
    public static int Depth(LinearLayerModel model) => model.InFeatures >= 128 ? 128 : (model.InFeatures + 31) / 32 * 32;

    /// <summary>
    /// Floats per column of the transposed tile: the depth plus 4, so that the 8 lanes of a quarter warp reading (or
    /// writing) 16 bytes each at the same k start in 8 different groups of 4 banks.
    /// </summary>
    public static int TileStride(LinearLayerModel model) => Depth(model) + 4;

    public static void Emit(CodeWriter writer, LinearLayerModel model, System.Func<string, string, string, string> store)
    {
        int depth = Depth(model);
        int stagers = 2 * depth; // threads that stage W: one block of 4 k-rows × 4 columns each
        int inputLoads = depth / 32;
        bool fullSlices = model.InFeatures % depth == 0;
        int stride = TileStride(model);
        int tileFloats = Columns * stride;

        writer.Line($"// GPU, batches below 32 rows: a group of {Threads} threads owns {Columns} output columns of every row. Threads stage W's");
        writer.Line($"// slices of {depth} k × {Columns} columns with 128-bit loads, {Sets} slices ahead (register sets), and transpose each block of");
        writer.Line($"// 4 k × 4 columns into a shared tile [column, k] (row stride {stride}: conflict-free 128-bit writes and reads); two shared");
        writer.Line("// buffers, so one slice is computed while the next is stored. Lane j computes column j, warp w rows w + " + Warps + "·i");
        writer.Line($"// (i < {RowsPerThread}; rows past the batch read row 0 and are not stored), {StepsPerIteration} k-steps per iteration (weights and inputs");
        writer.Line("// read first, FMAs after, in ascending k): the CPU's chain, k ascending, never split.");
        writer.Line($"private static void {KernelName}<TMath>({View} input, {View} weight, {View} bias, {View} output, int rows)");
        using (writer.Block("    where TMath : struct, global::KernelGen.IKernelMath"))
        {
            writer.Lines(
                "TMath math = default;",
                $"global::ILGPU.ArrayView<{Float4}> tile = global::ILGPU.SharedMemory.Allocate<{Float4}>({Buffers * tileFloats / 4}); // {Buffers} × [column, k / 4], {stride / 4} vectors per column",
                $"{View} tileScalars = tile.Cast<float>(); // the same memory as {Buffers} × [column, k], row stride {stride}",
                $"global::ILGPU.ArrayView<{Float4}> inputTile = global::ILGPU.SharedMemory.Allocate<{Float4}>({Buffers * Warps * depth / 4}); // {Buffers} × [row < {Warps}, k / 4]",
                $"{View} inputScalars = inputTile.Cast<float>(); // the same memory as {Buffers} × [row, k]",
                $"global::ILGPU.ArrayView<{Float4}> weightVectors = weight.Cast<{Float4}>();",
                "int thread = global::ILGPU.Group.IdxX;",
                "int lane = thread % 32;",
                "int warp = thread / 32;",
                $"int columnBase = global::ILGPU.Grid.IdxX * {Columns};",
                "int column = columnBase + lane;",
                $"int laneRow = lane * {stride / 4}; // this lane's column in the tile, in vectors");
            for (int i = 0; i < RowsPerThread; i++)
            {
                string row = i == 0 ? "warp" : $"warp + {Warps * i}";
                writer.Line($"int row{i} = {row}, x{i} = (row{i} < rows ? row{i} : 0) * K;");
            }

            writer.Line($"float {EmitText.JoinIndexed(RowsPerThread, i => $"acc{i} = 0f")};");
            writer.Line($"// What this thread stages: k-rows 4·sB .. 4·sB + 3 of column vector sV (threads below {stagers}); the 8 threads of a");
            writer.Line("// quarter warp take 8 neighbouring blocks of one vector, so their transposed 16-byte stores hit 8 different bank groups.");
            writer.Line($"int sB = (thread % 8) + (8 * (thread / 64)), sV = (thread / 8) % {VectorsPerKRow};");
            writer.Line($"long sPut = (long)(sV * {stride}) + sB; // the block's place in buffer 0, in vectors (column 4·sV, k-row 4·sB)");
            writer.Line($"// And inputs of rows 0..{Warps - 1} (the rows a warp computes alone; row clamped to the batch): row thread / 32, k = thread % 32 + 32·j.");
            writer.Line($"int inputRow = global::System.Math.Min(thread / 32, rows - 1) * K, inputK = thread % 32;");
            writer.Line($"long inputPut = ((thread / 32) * {depth}) + inputK;");
            for (int set = 0; set < Sets; set++)
            {
                EmitLoads(writer, set, set == 0 ? "0" : $"{set * depth}", stagers, inputLoads, declare: true);
            }

            EmitStores(writer, 0, "0", stride, depth, stagers, inputLoads);
            writer.Line("global::ILGPU.Group.Barrier();");
            using (writer.Block($"for (int k0 = 0; k0 < K; k0 += {Sets * depth})"))
            {
                for (int set = 0; set < Sets; set++)
                {
                    string slice = set == 0 ? "k0" : $"k0 + {set * depth}";
                    using (writer.Block(set == 0 ? "// slice k0: register set 0, buffer 0" : $"if ({slice} < K) // register set {set}, buffer {set % Buffers}"))
                    {
                        EmitSlice(writer, set, slice, depth, stride, tileFloats, stagers, inputLoads, fullSlices);
                    }
                }
            }

            using (writer.Block("if (column < N)"))
            {
                for (int i = 0; i < RowsPerThread; i++)
                {
                    writer.Line($"if (row{i} < rows) {store($"acc{i}", $"row{i}", "column")}");
                }
            }
        }
    }

    /// <summary>
    /// Slice <paramref name="slice"/>, in buffer <paramref name="set"/> mod 2: register set <paramref name="set"/> (stored already)
    /// is reloaded <see cref="Sets"/> slices ahead, the chains run, the next set goes into the other buffer, then one barrier.
    /// </summary>
    private static void EmitSlice(CodeWriter writer, int set, string slice, int depth, int stride, int tileFloats, int stagers, int inputLoads, bool fullSlices)
    {
        int buffer = set % Buffers;
        writer.Line($"int kSlice = {slice};");
        writer.Line($"// This set's next loads, {Sets} slices ahead, are in flight while the slices between are computed; past K they load nothing used.");
        EmitLoads(writer, set, $"kSlice + {Sets * depth}", stagers, inputLoads, declare: false);
        if (!fullSlices)
        {
            writer.Line($"int sliceDepth = K - kSlice < {depth} ? K - kSlice : {depth};");
        }

        writer.Line($"int tileBase = {buffer * tileFloats / 4}, inputBase = {buffer * Warps * depth / 4}; // this buffer, in vectors");

        // Warps past the batch only stage; a warp with one row in the batch runs one chain.
        using (writer.Block($"if (warp + {Warps} >= rows)"))
        {
            using (writer.Block("if (warp < rows)"))
            {
                EmitChains(writer, depth, stride, fullSlices, chains: 1);
            }
        }

        using (writer.Block("else"))
        {
            EmitChains(writer, depth, stride, fullSlices, chains: RowsPerThread);
        }

        using (writer.Block($"if (kSlice + {depth} < K)"))
        {
            EmitStores(writer, (set + 1) % Sets, ((set + 1) % Buffers).ToString(System.Globalization.CultureInfo.InvariantCulture), stride, depth, stagers, inputLoads);
        }

        writer.Line("global::ILGPU.Group.Barrier();");
    }

    /// <summary>Stores register set <paramref name="set"/> into buffer <paramref name="buffer"/>: each block of 4 k × 4 columns transposed into four 16-byte writes.</summary>
    private static void EmitStores(CodeWriter writer, int set, string buffer, int stride, int depth, int stagers, int inputLoads)
    {
        int tileFloats = Columns * stride;
        string tileBase = buffer == "0" ? string.Empty : $"{int.Parse(buffer, System.Globalization.CultureInfo.InvariantCulture) * tileFloats / 4}L + ";
        string inputBase = buffer == "0" ? string.Empty : $"{int.Parse(buffer, System.Globalization.CultureInfo.InvariantCulture) * Warps * depth}L + ";
        using (writer.Block(stagers == Threads ? $"// register set {set} into buffer {buffer}" : $"if (thread < {stagers}) // register set {set} into buffer {buffer}"))
        {
            for (int e = 0; e < 4; e++)
            {
                string element = GpuTileSpec.Element(e);
                string offset = e == 0 ? string.Empty : $" + {e * stride / 4}";
                writer.Line($"tile[{tileBase}sPut{offset}] = new {Float4}(ws{set}_0.{element}, ws{set}_1.{element}, ws{set}_2.{element}, ws{set}_3.{element});");
            }
        }

        for (int j = 0; j < inputLoads; j++)
        {
            string offset = j == 0 ? string.Empty : $" + {32 * j}";
            writer.Line($"inputScalars[{inputBase}inputPut{offset}] = xs{set}_{j};");
        }
    }

    /// <summary>
    /// The slice's k-steps for this lane's first <paramref name="chains"/> rows: <see cref="StepsPerIteration"/> weights (four
    /// 128-bit shared reads) and inputs read first, then their FMAs in ascending k; one k at a time when K is not a
    /// multiple of the slice.
    /// </summary>
    private static void EmitChains(CodeWriter writer, int depth, int stride, bool fullSlices, int chains)
    {
        // A warp alone on its row reads the row's inputs from the staged input tile, other warps from global memory.
        bool staged = chains == 1;
        if (!fullSlices)
        {
            using (writer.Block("for (int kk = 0; kk < sliceDepth; kk++)"))
            {
                writer.Line($"float w = tileScalars[(tileBase * 4) + (lane * {stride}) + kk];");
                for (int i = 0; i < chains; i++)
                {
                    string x = staged ? $"inputScalars[(inputBase * 4) + (warp * {depth}) + kk]" : $"input[x{i} + kSlice + kk]";
                    writer.Line($"acc{i} = math.Fma({x}, w, acc{i});");
                }
            }

            return;
        }

        using (writer.Block($"for (int kk = 0; kk < {depth}; kk += {StepsPerIteration})"))
        {
            writer.Line("int k = kSlice + kk;");
            for (int q = 0; q < StepsPerIteration / 4; q++)
            {
                writer.Line($"global::KernelGen.Float4 w{q} = tile[tileBase + laneRow + (kk / 4) + {q}]; // k + {4 * q} .. k + {(4 * q) + 3}");
            }

            if (staged)
            {
                for (int q = 0; q < StepsPerIteration / 4; q++)
                {
                    writer.Line($"global::KernelGen.Float4 in{q} = inputTile[inputBase + (warp * {depth / 4}) + (kk / 4) + {q}];");
                }
            }
            else
            {
                for (int i = 0; i < chains; i++)
                {
                    for (int u = 0; u < StepsPerIteration; u++)
                    {
                        writer.Line($"float x{i}_{u} = input[x{i} + k + {u}];");
                    }
                }
            }

            for (int u = 0; u < StepsPerIteration; u++)
            {
                string element = GpuTileSpec.Element(u % 4);
                for (int i = 0; i < chains; i++)
                {
                    string x = staged ? $"in{u / 4}.{element}" : $"x{i}_{u}";
                    writer.Line($"acc{i} = math.Fma({x}, w{u / 4}.{element}, acc{i});");
                }
            }
        }
    }

    /// <summary>
    /// Loads into register set <paramref name="set"/> this thread's block of the slice starting at <paramref name="sliceStart"/> and its
    /// inputs, unconditionally: a k past K reads k = K − 1 into a shared row that is never read (a guarded load would wait
    /// for each load in turn).
    /// </summary>
    private static void EmitLoads(CodeWriter writer, int set, string sliceStart, int stagers, int inputLoads, bool declare)
    {
        string start = sliceStart == "0" ? string.Empty : $"{sliceStart} + ";
        string type = declare ? $"{Float4} " : string.Empty;
        for (int j = 0; j < 4; j++)
        {
            // Threads past the stagers load a valid vector too (k-row 0 of their column vector) and never store it.
            string k = stagers == Threads ? $"{start}(sB * 4) + {j}" : $"thread < {stagers} ? {start}(sB * 4) + {j} : 0";
            writer.Line($"{type}ws{set}_{j} = weightVectors[(global::System.Math.Min({k}, K - 1) * (Stride / 4)) + (columnBase / 4) + sV];");
        }

        for (int j = 0; j < inputLoads; j++)
        {
            string offset = j == 0 ? string.Empty : $" + {32 * j}";
            writer.Line($"{(declare ? "float " : string.Empty)}xs{set}_{j} = input[inputRow + global::System.Math.Min({start}inputK{offset}, K - 1)];");
        }
    }
}
