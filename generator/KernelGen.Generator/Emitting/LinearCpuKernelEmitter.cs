using System.Globalization;
using System.Linq;
using KernelGen.Generator.Model;

namespace KernelGen.Generator.Emitting;

/// <summary>
/// Emits the CPU kernels of a linear layer: for each <see cref="SimdPathSpec"/>, a block driver and
/// register-tiled micro-kernels of <see cref="SimdPathSpec.TileRows"/> rows and of each of its <see cref="SimdPathSpec.TailRows"/>, plus a wide
/// one-row kernel for decode. Every output is one accumulator with one FMA per k, k from 0 to K-1: the
/// driver runs k in passes of <see cref="SimdPathSpec.PassLength"/>, ascending, and between passes the
/// accumulators wait in the output, which stores and reloads them exactly; tiles, blocks and passes only
/// choose which outputs and which k run together.
/// </summary>
internal static class LinearCpuKernelEmitter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    private const string Span = "global::System.Span<float>";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string AggressiveInlining =
        "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    /// <summary>The parameters every micro-kernel takes, in order.</summary>
    private const string KernelParameters = "ref float x, ref float w, int panelStride, ref float bias, ref float y, int yStride, int kStart, int kEnd";

    /// <summary>The CPU lines of the generated file's header: packing, tile sizes and order (lines joined by \n).</summary>
    public static string HeaderLines { get; } = string.Join(
        "\n",
        $"// CPU: the weight is packed once more (CpuPackedWeight), pass by pass: for k in passes of {SimdPathSpec.PassLength}, panels of",
        $"//   {SimdPathSpec.PanelWidth} columns, each [pass k][{SimdPathSpec.PanelWidth}], one after another.",
        $"//   Register tiles (rows × columns): {string.Join(", ", SimdPathSpec.All.Select(p => $"{p.Name} {p.TileRows} × {p.TileColumns}"))};",
        $"//   leftover rows run tiles of fewer rows ({string.Join("; ", SimdPathSpec.All.Select(p => $"{p.Name} {string.Join(", ", p.TailRows)}"))});",
        $"//   a lone row (decode) runs 1 × {SimdPathSpec.WideVectors} vectors",
        $"//   ({string.Join(", ", SimdPathSpec.All.Select(p => $"{p.Name} {p.WideColumns}"))} columns), then 1-row tiles.",
        "//   Every output is one accumulator, one FMA per k, k = 0..K-1 ascending; threads and cache blocks split rows and",
        $"//   columns only. Within a block, k runs in passes of {SimdPathSpec.PassLength}, ascending, each over all the block's tiles (row tiles",
        "//   outer, column tiles inner); between passes a tile's accumulators wait in the output, stored and reloaded exactly.");

    public static void EmitDispatch(CodeWriter writer)
    {
        writer.Lines(
            "// CPU kernels: the tile sizes and order are in the header.",
            string.Empty,
            $"/// <summary>Columns per panel of <see cref=\"global::KernelGen.LinearLayer.CpuPackedWeight\"/>.</summary>",
            "private const int Panel = global::KernelGen.LinearLayer.CpuPanelWidth;",
            "/// <summary>The k of one pass: the packed weight holds each pass's panels together.</summary>",
            "private const int Pass = global::KernelGen.LinearLayer.CpuPassLength;",
            "/// <summary>Columns of the packed weight: OutFeatures rounded up to a whole number of the widest tile.</summary>",
            "private const int PackedColumns = (N + global::KernelGen.LinearLayer.CpuColumnAlignment - 1) / global::KernelGen.LinearLayer.CpuColumnAlignment * global::KernelGen.LinearLayer.CpuColumnAlignment;",
            string.Empty,
            "/// <summary>Floats from one panel of the pass that starts at <paramref name=\"kStart\"/> to the next.</summary>",
            AggressiveInlining,
            "private static int PanelStride(int kStart) => global::System.Math.Min(Pass, K - kStart) * Panel;",
            string.Empty,
            "/// <summary>Where (<paramref name=\"kStart\"/>, <paramref name=\"column\"/>) lies in the CPU-packed weight, <paramref name=\"kStart\"/> the first k of a pass.</summary>",
            AggressiveInlining,
            "private static int WeightOffset(int kStart, int column) => (kStart * PackedColumns) + (column / Panel * PanelStride(kStart)) + (column % Panel);",
            string.Empty,
            "/// <inheritdoc/>");
        using (writer.Block($"protected override void ComputeTile(global::KernelGen.SimdPath path, {ReadOnlySpan} input, {Span} output, int rowStart, int rowEnd, int columnStart, int columnEnd)"))
        {
            using (writer.Block("switch (path)"))
            {
                foreach (SimdPathSpec path in SimdPathSpec.All)
                {
                    writer.Line($"case global::KernelGen.SimdPath.{path.Name}:");
                    writer.Line($"    ComputeTile{path.Name}(input, output, rowStart, rowEnd, columnStart, columnEnd);");
                    writer.Line("    break;");
                }

                writer.Line("default:");
                writer.Line("    throw new global::System.ArgumentOutOfRangeException(nameof(path), path, \"A concrete SIMD path is required.\");");
            }
        }
    }

    public static void EmitPath(CodeWriter writer, LinearLayerModel model, SimdPathSpec path)
    {
        EmitDriver(writer, model, path);
        writer.Line();
        EmitMicroKernel(writer, model, path, path.TileRows);
        foreach (int rows in path.TailRows)
        {
            writer.Line();
            EmitMicroKernel(writer, model, path, rows);
        }

        writer.Line();
        EmitWideKernel(writer, model, path);
    }

    private static void EmitDriver(CodeWriter writer, LinearLayerModel model, SimdPathSpec path)
    {
        int rows = path.TileRows;
        int columns = path.TileColumns;
        writer.Lines(
            $"// {path.Name}: k in passes of Pass, ascending; in each pass, tiles of {rows} rows × {columns} columns, row tiles outer and",
            "// column tiles inner, so a tile's input rows for the pass stay in L1 while the pass's weight panels stream from L2;",
            $"// then one tile each of {string.Join(", ", path.TailRows.Where(tail => tail > 1))} rows for the rows left over, and a lone row: 1 × {path.WideColumns} columns, then 1 × {columns}.",
            "// Between passes a tile's accumulators wait in the output. A partial column tile runs its whole chain, pass by",
            "// pass, in the last pass, into a staging buffer; then its valid columns are copied.");
        if (model.Activation is { } function)
        {
            writer.Line($"// In the last pass, a row tile's outputs in the block's columns, once all stored, go through the declared activation ({function}) while they are in L1.");
        }

        using (writer.Block($"private void ComputeTile{path.Name}({ReadOnlySpan} input, {Span} output, int rowStart, int rowEnd, int columnStart, int columnEnd)"))
        {
            writer.Lines(
                $"ref float x = ref {MemoryMarshal}.GetReference(input);",
                $"ref float y = ref {MemoryMarshal}.GetReference(output);",
                $"ref float w = ref {MemoryMarshal}.GetReference(CpuPackedWeight);",
                $"ref float b = ref {MemoryMarshal}.GetReference(PackedBias);",
                $"{Span} staging = stackalloc float[{rows * columns}];",
                $"ref float s = ref {MemoryMarshal}.GetReference(staging);");
            using (writer.Block("for (int kStart = 0; kStart < K; kStart += Pass)"))
            {
                writer.Lines(
                    "int kEnd = global::System.Math.Min(K, kStart + Pass);",
                    "int panelStride = PanelStride(kStart);",
                    "int row = rowStart;");
                EmitRowTile(writer, model, path, rows, $"for (; row + {rows} <= rowEnd; row += {rows})", advance: false);
                foreach (int tail in path.TailRows)
                {
                    if (tail == 1)
                    {
                        EmitLoneRow(writer, model, path);
                    }
                    else
                    {
                        EmitRowTile(writer, model, path, tail, $"if (row + {tail} <= rowEnd)", advance: true);
                    }
                }
            }
        }
    }

    private static void EmitRowTile(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, int rows, string header, bool advance)
    {
        using (writer.Block(header))
        {
            writer.Line($"ref float xRow = ref {Unsafe}.Add(ref x, row * K);");
            using (writer.Block($"for (int column = columnStart; column < columnEnd; column += {path.TileColumns})"))
            {
                EmitColumnTile(writer, model, path, rows);
            }

            EmitActivationWhenFinished(writer, model, path, Number(rows));
            if (advance)
            {
                writer.Line($"row += {rows};");
            }
        }
    }

    private static void EmitLoneRow(CodeWriter writer, LinearLayerModel model, SimdPathSpec path)
    {
        using (writer.Block("if (row < rowEnd)"))
        {
            writer.Lines(
                $"ref float xRow = ref {Unsafe}.Add(ref x, row * K);",
                "int column = columnStart;");
            using (writer.Block($"for (; column + {path.WideColumns} <= columnEnd; column += {path.WideColumns})"))
            {
                writer.Line($"{path.Name}Wide(ref xRow, {PassWeight}, panelStride, ref {Unsafe}.Add(ref b, column), ref {Unsafe}.Add(ref y, (row * N) + column), N, kStart, kEnd);");
            }

            using (writer.Block($"for (; column < columnEnd; column += {path.TileColumns})"))
            {
                EmitColumnTile(writer, model, path, 1);
            }

            EmitActivationWhenFinished(writer, model, path, "1");
        }
    }

    /// <summary>The tile's weights in the current pass: <c>column</c>'s panel, at the pass's first k (the one addressing every tile uses).</summary>
    private const string PassWeight = "ref " + Unsafe + ".Add(ref w, WeightOffset(kStart, column))";

    /// <summary>
    /// One column tile: a full tile runs the pass's k straight into the output; a partial one runs its whole chain,
    /// pass by pass, in the last pass, into the staging buffer, whose valid columns are then copied.
    /// </summary>
    private static void EmitColumnTile(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, int rows)
    {
        int columns = path.TileColumns;
        string kernel = $"{path.Name}Rows{rows}";
        string bias = $"ref {Unsafe}.Add(ref b, column)";
        writer.Line($"int width = global::System.Math.Min({columns}, columnEnd - column);");
        using (writer.Block($"if (width == {columns})"))
        {
            writer.Line($"{kernel}(ref xRow, {PassWeight}, panelStride, {bias}, ref {Unsafe}.Add(ref y, (row * N) + column), N, kStart, kEnd);");
        }

        using (writer.Block("else if (kEnd == K)"))
        {
            using (writer.Block("for (int k0 = 0; k0 < K; k0 += Pass)"))
            {
                writer.Line($"{kernel}(ref xRow, ref {Unsafe}.Add(ref w, WeightOffset(k0, column)), PanelStride(k0), {bias}, ref s, {columns}, k0, global::System.Math.Min(K, k0 + Pass));");
            }

            writer.Line($"CopyTile(staging, {columns}, output, N, row, {rows}, column, width);");
        }
    }

    /// <summary>
    /// The activation on a row tile's outputs in the block's columns, after the last pass, while they are in L1
    /// (nothing without an activation): one call per row of the tile over all the block's columns, not per register tile.
    /// </summary>
    private static void EmitActivationWhenFinished(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, string rows)
    {
        if (model.Activation is null)
        {
            return;
        }

        using (writer.Block("if (kEnd == K)"))
        {
            LinearActivationEmitter.EmitCpuCall(writer, model, path, rows);
        }
    }

    private static void EmitMicroKernel(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, int rows)
    {
        int vectors = path.VectorsPerRow;
        writer.Line($"// {rows} row(s) × {path.TileColumns} columns: {rows * vectors} accumulators of {Describe(path)}, one FMA per k per output, k = kStart..kEnd-1 ascending.");
        EmitPassKernel(writer, model, path, $"{path.Name}Rows{rows}", rows, vectors, EmitTileStep);

        void EmitTileStep()
        {
            for (int c = 0; c < vectors; c++)
            {
                writer.Line($"{path.VectorType} w{c} = {Load(path, "wk", WeightOffset(path, c))};");
            }

            // Broadcast one row, then its FMAs: only one broadcast is live, so the tile fits in 16 registers.
            for (int r = 0; r < rows; r++)
            {
                writer.Line($"{path.VectorType} x{r} = {Broadcast(path, Offset(r, "K"))};");
                for (int c = 0; c < vectors; c++)
                {
                    writer.Line($"acc{r}_{c} = {Fma(path, $"x{r}", $"w{c}", $"acc{r}_{c}")};");
                }
            }
        }
    }

    private static void EmitWideKernel(CodeWriter writer, LinearLayerModel model, SimdPathSpec path)
    {
        int vectors = SimdPathSpec.WideVectors;
        writer.Line($"// 1 row × {path.WideColumns} columns over {Number(System.Math.Max(1, path.WideColumns / SimdPathSpec.PanelWidth))} panel(s): {vectors} accumulators of {Describe(path)}, one FMA per k per output, k = kStart..kEnd-1 ascending.");
        EmitPassKernel(writer, model, path, $"{path.Name}Wide", 1, vectors, () =>
        {
            writer.Line($"{path.VectorType} xb = {Broadcast(path, "0")};");
            for (int c = 0; c < vectors; c++)
            {
                writer.Line($"acc0_{c} = {Fma(path, "xb", Load(path, "wk", WeightOffset(path, c)), $"acc0_{c}")};");
            }
        });
    }

    /// <summary>
    /// A kernel over one pass: <paramref name="rows"/> × <paramref name="vectors"/> accumulators that start at zero
    /// when <c>kStart = 0</c>, else from <c>y</c>, where the previous pass stored them; one step per k
    /// (<paramref name="emitStep"/>); then, after k = K-1, the bias added once and the outputs stored, before it the
    /// accumulators themselves.
    /// </summary>
    private static void EmitPassKernel(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, string name, int rows, int vectors, System.Action emitStep)
    {
        using (writer.Block($"private static void {name}({KernelParameters})"))
        {
            for (int r = 0; r < rows; r++)
            {
                writer.Line($"{path.VectorType} {EmitText.JoinIndexed(vectors, c => $"acc{r}_{c}")};");
            }

            using (writer.Block("if (kStart == 0)"))
            {
                for (int r = 0; r < rows; r++)
                {
                    writer.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(c => $"acc{r}_{c} = {Zero(path)};")));
                }
            }

            using (writer.Block("else"))
            {
                for (int r = 0; r < rows; r++)
                {
                    writer.Line(string.Join(" ", Enumerable.Range(0, vectors).Select(c => $"acc{r}_{c} = {Load(path, "y", Offset(r, "yStride", c * path.Lanes))};")));
                }
            }

            // xk and wk walk down the chain: row r's x[k] is K floats past row r-1's, the next k's weights one panel row on.
            writer.Lines(
                $"ref float xk = ref {Unsafe}.Add(ref x, kStart);",
                "ref float wk = ref w;");
            using (writer.Block("for (int k = kStart; k < kEnd; k++)"))
            {
                emitStep();
                writer.Lines(
                    $"xk = ref {Unsafe}.Add(ref xk, 1);",
                    $"wk = ref {Unsafe}.Add(ref wk, Panel);");
            }

            using (writer.Block("if (kEnd == K)"))
            {
                EmitBiasAndStore(writer, model, path, rows, vectors);
            }

            using (writer.Block("else"))
            {
                writer.Line("// The chains so far, exactly: the next pass loads them back.");
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < vectors; c++)
                    {
                        writer.Line(StoreRaw(path, $"acc{r}_{c}", "y", Offset(r, "yStride", c * path.Lanes)));
                    }
                }
            }
        }
    }

    private static void EmitBiasAndStore(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, int rows, int vectors)
    {
        if (model.HasBias)
        {
            writer.Line("// The bias, added once after the chain.");
            for (int c = 0; c < vectors; c++)
            {
                writer.Line($"{path.VectorType} b{c} = {Load(path, "bias", Number(c * path.Lanes))};");
            }
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < vectors; c++)
            {
                string value = model.HasBias ? $"acc{r}_{c} + b{c}" : $"acc{r}_{c}";
                writer.Line(Store(path, value, "y", Offset(r, "yStride", c * path.Lanes)));
            }
        }
    }

    /// <summary>The offset of vector <paramref name="vector"/> of a tile from the tile's first column, in the panel layout.</summary>
    private static string WeightOffset(SimdPathSpec path, int vector)
    {
        int column = vector * path.Lanes;
        int panel = column / SimdPathSpec.PanelWidth;
        string within = Number(column % SimdPathSpec.PanelWidth);
        return panel switch
        {
            0 => within,
            1 => $"panelStride + {within}",
            _ => $"({Number(panel)} * panelStride) + {within}",
        };
    }

    private static string Zero(SimdPathSpec path) => path.IsScalar ? "0f" : $"{path.VectorType}.Zero";

    private static string Load(SimdPathSpec path, string reference, string offset) => path.IsScalar
        ? $"{Unsafe}.Add(ref {reference}, {offset})"
        : $"{path.VectorClass}.LoadUnsafe(ref {reference}, {ElementOffset(offset)})";

    /// <summary>An element offset for <c>LoadUnsafe</c>/<c>StoreUnsafe</c>: a literal as it is, an expression cast to <c>nuint</c>.</summary>
    private static string ElementOffset(string offset) => int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? offset : $"(nuint)({offset})";

    /// <summary>Stores a finished output, NaN canonicalized (docs/arithmetic.md: NaN bits are the hardware's otherwise).</summary>
    private static string Store(SimdPathSpec path, string value, string reference, string offset) =>
        StoreRaw(path, $"{CanonicalizeNaN}({value})", reference, offset);

    /// <summary>Stores <paramref name="value"/> as it is: an unfinished accumulator, NaN payload included, for the next pass to load.</summary>
    private static string StoreRaw(SimdPathSpec path, string value, string reference, string offset) => path.IsScalar
        ? $"{Unsafe}.Add(ref {reference}, {offset}) = {value};"
        : $"{path.VectorClass}.StoreUnsafe({value}, ref {reference}, {ElementOffset(offset)});";

    private const string CanonicalizeNaN = "global::KernelGen.DetMath.CanonicalizeNaN";

    private static string Broadcast(SimdPathSpec path, string offset)
    {
        string element = offset == "0" ? "xk" : $"{Unsafe}.Add(ref xk, {offset})";
        return path.IsScalar ? element : $"{path.VectorClass}.Create({element})";
    }

    private static string Fma(SimdPathSpec path, string a, string b, string c) => path.IsScalar
        ? $"global::KernelGen.DetMath.Fma({a}, {b}, {c})"
        : $"{path.VectorClass}.FusedMultiplyAdd({a}, {b}, {c})";

    private static string Describe(SimdPathSpec path) => path.IsScalar ? "float" : $"{path.Name}<float>";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Offset(int row, string stride, int column = 0)
    {
        string rowPart = row switch
        {
            0 => string.Empty,
            1 => stride,
            _ => $"{Number(row)} * {stride}",
        };

        if (column == 0)
        {
            return rowPart.Length == 0 ? "0" : rowPart;
        }

        string columnPart = Number(column);
        return rowPart.Length == 0 ? columnPart : $"{rowPart} + {columnPart}";
    }
}
