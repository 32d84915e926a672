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

    /// <summary>k-steps written out per iteration of the compute loop: their weight reads are issued together.</summary>
    private const int StepsPerIteration = 16;
    private const int VectorsPerKRow = Columns / 4;
    private const string View = "global::ILGPU.ArrayView<float>";

    /// <summary>The k-slice staged per step: 256, or K rounded up to a multiple of 32 when K is smaller.</summary>
    public static int Depth(LinearLayerModel model) => model.InFeatures >= 256 ? 256 : (model.InFeatures + 31) / 32 * 32;

    /// <summary>
    /// Floats per column of the transposed tile: the depth plus 4, so that the 8 lanes of a quarter warp reading
    /// 16 bytes each at the same k start in 8 different groups of 4 banks.
    /// </summary>
    public static int TileStride(LinearLayerModel model) => Depth(model) + 4;

    public static void Emit(CodeWriter writer, LinearLayerModel model, System.Func<string, string, string, string> store)
    {
        int depth = Depth(model);
        int loads = depth * VectorsPerKRow / Threads;
        bool fullSlices = model.InFeatures % depth == 0;

        int stride = TileStride(model);
        writer.Line($"// GPU, batches below 32 rows: a group of {Threads} threads owns {Columns} output columns of every row. All threads stage W's");
        writer.Line($"// next {depth} k × {Columns} columns with 128-bit loads, issued before the current slice is computed, into a shared tile");
        writer.Line($"// transposed to [column, k] (row stride {stride}: conflict-free 128-bit reads), so that a lane reads 4 consecutive k at once;");
        writer.Line($"// warp w computes rows w + {Warps}·i (i < {RowsPerThread}; rows past the batch read row 0 and are not stored), lane j column j,");
        writer.Line($"// {StepsPerIteration} k-steps per iteration (weights and inputs read first, FMAs after, in ascending k):");
        writer.Line("// the CPU's chain, k ascending, never split.");
        writer.Line($"private static void {KernelName}<TMath>({View} input, {View} weight, {View} bias, {View} output, int rows)");
        using (writer.Block("    where TMath : struct, global::KernelGen.IKernelMath"))
        {
            writer.Lines(
                "TMath math = default;",
                $"global::ILGPU.ArrayView<global::KernelGen.Generated.Float4> tile = global::ILGPU.SharedMemory.Allocate<global::KernelGen.Generated.Float4>({Columns * stride / 4}); // [column, k / 4], {stride / 4} vectors per column",
                $"{View} tileScalars = tile.Cast<float>(); // the same memory as [column, k], row stride {stride}",
                $"global::ILGPU.ArrayView<global::KernelGen.Generated.Float4> inputTile = global::ILGPU.SharedMemory.Allocate<global::KernelGen.Generated.Float4>({Warps * depth / 4}); // [row < {Warps}, k / 4]",
                $"{View} inputScalars = inputTile.Cast<float>(); // the same memory as [row, k]",
                "global::ILGPU.ArrayView<global::KernelGen.Generated.Float4> weightVectors = weight.Cast<global::KernelGen.Generated.Float4>();",
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
            writer.Line($"// What this thread stages: the vector of 4 columns (sV) of k-row sK of each slice.");
            for (int l = 0; l < loads; l++)
            {
                string element = l == 0 ? "thread" : $"(thread + {l * Threads})";
                writer.Line($"int sK{l} = {element} / {VectorsPerKRow}, sV{l} = {element} % {VectorsPerKRow};");
            }

            writer.Line($"// And the inputs of rows 0..{Warps - 1} at k = thread (the rows a warp computes alone; row clamped to the batch).");
            writer.Line($"int {EmitText.JoinIndexed(Warps, r => $"inputRow{r} = global::System.Math.Min({r}, rows - 1) * K")};");
            EmitLoads(writer, loads, "0", declare: true);
            using (writer.Block($"for (int k0 = 0; k0 < K; k0 += {depth})"))
            {
                writer.Line("global::ILGPU.Group.Barrier(); // every lane is done with the previous slice");
                for (int l = 0; l < loads; l++)
                {
                    for (int e = 0; e < 4; e++)
                    {
                        writer.Line($"tileScalars[(((sV{l} * 4) + {e}) * {stride}) + sK{l}] = next{l}.{GpuTileSpec.Element(e)};");
                    }
                }

                string guard = depth == Threads ? string.Empty : $"if (thread < {depth}) ";
                for (int r = 0; r < Warps; r++)
                {
                    writer.Line($"{guard}inputScalars[{r * depth} + thread] = nextInput{r};");
                }

                writer.Line("global::ILGPU.Group.Barrier();");
                writer.Line("// The next slice's loads are in flight while this one is computed; past K they load nothing.");
                EmitLoads(writer, loads, $"k0 + {depth}", declare: false);
                if (!fullSlices)
                {
                    writer.Line($"int sliceDepth = K - k0 < {depth} ? K - k0 : {depth};");
                }

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
                writer.Line($"float w = tileScalars[(lane * {stride}) + kk];");
                for (int i = 0; i < chains; i++)
                {
                    string x = staged ? $"inputScalars[(warp * {depth}) + kk]" : $"input[x{i} + k0 + kk]";
                    writer.Line($"acc{i} = math.Fma({x}, w, acc{i});");
                }
            }

            return;
        }

        using (writer.Block($"for (int kk = 0; kk < {depth}; kk += {StepsPerIteration})"))
        {
            writer.Line("int k = k0 + kk;");
            for (int q = 0; q < StepsPerIteration / 4; q++)
            {
                writer.Line($"global::KernelGen.Generated.Float4 w{q} = tile[laneRow + (kk / 4) + {q}]; // k + {4 * q} .. k + {(4 * q) + 3}");
            }

            if (staged)
            {
                for (int q = 0; q < StepsPerIteration / 4; q++)
                {
                    writer.Line($"global::KernelGen.Generated.Float4 in{q} = inputTile[(warp * {depth / 4}) + (kk / 4) + {q}];");
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
    /// Loads this thread's vectors of the slice starting at <paramref name="sliceStart"/>, unconditionally: a k past K
    /// reads k = K − 1 into a shared row that is never read (a guarded load would wait for each load in turn).
    /// </summary>
    private static void EmitLoads(CodeWriter writer, int loads, string sliceStart, bool declare)
    {
        string start = sliceStart == "0" ? string.Empty : $"{sliceStart} + ";
        for (int l = 0; l < loads; l++)
        {
            writer.Line($"{(declare ? "var " : string.Empty)}next{l} = weightVectors[(global::System.Math.Min({start}sK{l}, K - 1) * (Stride / 4)) + (columnBase / 4) + sV{l}];");
        }

        for (int r = 0; r < Warps; r++)
        {
            writer.Line($"{(declare ? "float " : string.Empty)}nextInput{r} = input[inputRow{r} + global::System.Math.Min({start}thread, K - 1)];");
        }
    }
}
