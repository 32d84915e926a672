using System.Globalization;
using System.Linq;
using KernelGen.Generator.Model;

namespace KernelGen.Generator.Emitting;

/// <summary>
/// Emits the CPU kernels of a linear layer: for each <see cref="SimdPathSpec"/>, a block driver and
/// register-tiled micro-kernels of <see cref="SimdPathSpec.TileRows"/>, 4, 2 and 1 rows, plus a wide
/// one-row kernel for decode. Every micro-kernel runs k from 0 to K-1 with one FMA per k per output
/// into one accumulator; tiles and blocks only choose which outputs run together.
/// </summary>
internal static class LinearCpuKernelEmitter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    private const string Span = "global::System.Span<float>";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string AggressiveInlining =
        "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    /// <summary>The CPU lines of the generated file's header: packing, tile sizes and order (lines joined by \n).</summary>
    public static string HeaderLines { get; } = string.Join(
        "\n",
        $"// CPU: the weight is packed once more (CpuPackedWeight) into panels of {SimdPathSpec.PanelWidth} columns, each [k = 0..K-1][{SimdPathSpec.PanelWidth}].",
        $"//   Register tiles (rows × columns): {string.Join(", ", SimdPathSpec.All.Select(p => $"{p.Name} {SimdPathSpec.TileRows} × {p.TileColumns}"))};",
        $"//   leftover rows run {string.Join(", ", SimdPathSpec.TailRows)}-row tiles; a lone row (decode) runs 1 × {SimdPathSpec.WideVectors} vectors",
        $"//   ({string.Join(", ", SimdPathSpec.All.Select(p => $"{p.Name} {p.WideColumns}"))} columns), then 1-row tiles.",
        "//   Every tile runs k = 0..K-1 in one accumulator per output, one FMA per step; threads and cache",
        "//   blocks split rows and columns only, never k; within a block, row tiles are outer, column tiles inner.");

    public static void EmitDispatch(CodeWriter writer)
    {
        writer.Lines(
            "// CPU kernels: the tile sizes and order are in the header.",
            string.Empty,
            $"/// <summary>Columns per panel of <see cref=\"global::KernelGen.LinearLayer.CpuPackedWeight\"/>.</summary>",
            $"private const int Panel = {Number(SimdPathSpec.PanelWidth)};",
            "/// <summary>Floats in one panel: K × Panel.</summary>",
            "private const int PanelSize = K * Panel;",
            string.Empty,
            "/// <summary>Where column <paramref name=\"column\"/> of row k = 0 lies in the CPU-packed weight.</summary>",
            AggressiveInlining,
            "private static int PanelOffset(int column) => (column / Panel * PanelSize) + (column % Panel);",
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
        EmitMicroKernel(writer, model, path, SimdPathSpec.TileRows);
        foreach (int rows in SimdPathSpec.TailRows)
        {
            writer.Line();
            EmitMicroKernel(writer, model, path, rows);
        }

        writer.Line();
        EmitWideKernel(writer, model, path);
    }

    private static void EmitDriver(CodeWriter writer, LinearLayerModel model, SimdPathSpec path)
    {
        int rows = SimdPathSpec.TileRows;
        int columns = path.TileColumns;
        writer.Lines(
            $"// {path.Name}: tiles of {rows} rows × {columns} columns, row tiles outer and column tiles inner, so a",
            "// tile's input rows stay in L1 while the block's weight panels stay in L2; then one tile each of",
            $"// {string.Join(", ", SimdPathSpec.TailRows)} rows for the rows left over; a lone row runs 1 × {path.WideColumns} columns, then 1 × {columns}.",
            "// A partial column tile is computed into a staging buffer, then its valid columns are copied.");
        if (model.Activation is { } function)
        {
            writer.Line($"// Each tile's outputs, once stored, go through the declared activation ({function}) while they are in L1.");
        }

        using (writer.Block($"private void ComputeTile{path.Name}({ReadOnlySpan} input, {Span} output, int rowStart, int rowEnd, int columnStart, int columnEnd)"))
        {
            writer.Lines(
                $"ref float x = ref {MemoryMarshal}.GetReference(input);",
                $"ref float y = ref {MemoryMarshal}.GetReference(output);",
                $"ref float w = ref {MemoryMarshal}.GetReference(CpuPackedWeight);",
                $"ref float b = ref {MemoryMarshal}.GetReference(PackedBias);",
                $"{Span} staging = stackalloc float[{rows * columns}];",
                $"ref float s = ref {MemoryMarshal}.GetReference(staging);",
                "int row = rowStart;");
            EmitRowTile(writer, model, path, rows, $"for (; row + {rows} <= rowEnd; row += {rows})", advance: false);
            foreach (int tail in SimdPathSpec.TailRows)
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

    private static void EmitRowTile(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, int rows, string header, bool advance)
    {
        using (writer.Block(header))
        {
            writer.Line($"ref float xRow = ref {Unsafe}.Add(ref x, row * K);");
            using (writer.Block($"for (int column = columnStart; column < columnEnd; column += {path.TileColumns})"))
            {
                EmitColumnTile(writer, model, path, rows);
            }

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
                writer.Line($"{path.Name}Wide(ref xRow, ref {Unsafe}.Add(ref w, PanelOffset(column)), ref {Unsafe}.Add(ref b, column), ref {Unsafe}.Add(ref y, (row * N) + column));");
                LinearActivationEmitter.EmitCpuCall(writer, model, path, "1", Number(path.WideColumns));
            }

            using (writer.Block($"for (; column < columnEnd; column += {path.TileColumns})"))
            {
                EmitColumnTile(writer, model, path, 1);
            }
        }
    }

    private static void EmitColumnTile(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, int rows)
    {
        int columns = path.TileColumns;
        string kernel = $"{path.Name}Rows{rows}";
        string weight = $"ref {Unsafe}.Add(ref w, PanelOffset(column))";
        string bias = $"ref {Unsafe}.Add(ref b, column)";
        writer.Line($"int width = global::System.Math.Min({columns}, columnEnd - column);");
        using (writer.Block($"if (width == {columns})"))
        {
            writer.Line($"{kernel}(ref xRow, {weight}, {bias}, ref {Unsafe}.Add(ref y, (row * N) + column), N);");
        }

        using (writer.Block("else"))
        {
            writer.Line($"{kernel}(ref xRow, {weight}, {bias}, ref s, {columns});");
            writer.Line($"CopyTile(staging, {columns}, output, N, row, {rows}, column, width);");
        }

        LinearActivationEmitter.EmitCpuCall(writer, model, path, Number(rows), "width");
    }

    private static void EmitMicroKernel(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, int rows)
    {
        int vectors = path.VectorsPerRow;
        string type = path.VectorType;

        writer.Line($"// {rows} row(s) × {path.TileColumns} columns: {rows * vectors} accumulators of {Describe(path)}, k ascending, one FMA per k per output.");
        using (writer.Block($"private static void {path.Name}Rows{rows}(ref float x, ref float w, ref float bias, ref float y, int yStride)"))
        {
            for (int r = 0; r < rows; r++)
            {
                writer.Line($"{type} {EmitText.JoinIndexed(vectors, c => $"acc{r}_{c} = {Zero(path)}")};");
            }

            // xk and wk walk down the chain: row r's x[k] is K floats past row r-1's, the next k's weights one panel row on.
            writer.Lines("ref float xk = ref x;", "ref float wk = ref w;");
            using (writer.Block("for (int k = 0; k < K; k++)"))
            {
                for (int c = 0; c < vectors; c++)
                {
                    writer.Line($"{type} w{c} = {Load(path, "wk", WeightOffset(path, c))};");
                }

                // Broadcast one row, then its FMAs: only one broadcast is live, so the tile fits in 16 registers.
                for (int r = 0; r < rows; r++)
                {
                    writer.Line($"{type} x{r} = {Broadcast(path, Offset(r, "K"))};");
                    for (int c = 0; c < vectors; c++)
                    {
                        writer.Line($"acc{r}_{c} = {Fma(path, $"x{r}", $"w{c}", $"acc{r}_{c}")};");
                    }
                }

                EmitAdvance(writer);
            }

            EmitBiasAndStore(writer, model, path, rows, vectors, c => c * path.Lanes);
        }
    }

    private static void EmitWideKernel(CodeWriter writer, LinearLayerModel model, SimdPathSpec path)
    {
        int vectors = SimdPathSpec.WideVectors;
        string type = path.VectorType;

        writer.Line($"// 1 row × {path.WideColumns} columns over {Number(System.Math.Max(1, path.WideColumns / SimdPathSpec.PanelWidth))} panel(s): {vectors} accumulators of {Describe(path)}, k ascending, one FMA per k per output.");
        using (writer.Block($"private static void {path.Name}Wide(ref float x, ref float w, ref float bias, ref float y)"))
        {
            writer.Line($"{type} {EmitText.JoinIndexed(vectors, c => $"acc{c} = {Zero(path)}")};");
            writer.Lines("ref float xk = ref x;", "ref float wk = ref w;");
            using (writer.Block("for (int k = 0; k < K; k++)"))
            {
                writer.Line($"{type} xb = {Broadcast(path, "0")};");
                for (int c = 0; c < vectors; c++)
                {
                    writer.Line($"acc{c} = {Fma(path, "xb", Load(path, "wk", WeightOffset(path, c)), $"acc{c}")};");
                }

                EmitAdvance(writer);
            }

            if (model.HasBias)
            {
                writer.Line("// The bias, added once after the chain.");
            }

            for (int c = 0; c < vectors; c++)
            {
                string value = model.HasBias ? $"acc{c} + {Load(path, "bias", Number(c * path.Lanes))}" : $"acc{c}";
                writer.Line(Store(path, value, "y", Number(c * path.Lanes)));
            }
        }
    }

    private static void EmitAdvance(CodeWriter writer) => writer.Lines(
        $"xk = ref {Unsafe}.Add(ref xk, 1);",
        $"wk = ref {Unsafe}.Add(ref wk, Panel);");

    private static void EmitBiasAndStore(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, int rows, int vectors, System.Func<int, int> column)
    {
        if (model.HasBias)
        {
            writer.Line("// The bias, added once after the chain.");
            for (int c = 0; c < vectors; c++)
            {
                writer.Line($"{path.VectorType} b{c} = {Load(path, "bias", Number(column(c)))};");
            }
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < vectors; c++)
            {
                string value = model.HasBias ? $"acc{r}_{c} + b{c}" : $"acc{r}_{c}";
                writer.Line(Store(path, value, "y", Offset(r, "yStride", column(c))));
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
            1 => $"PanelSize + {within}",
            _ => $"({Number(panel)} * PanelSize) + {within}",
        };
    }

    private static string Zero(SimdPathSpec path) => path.IsScalar ? "0f" : $"{path.VectorType}.Zero";

    private static string Load(SimdPathSpec path, string reference, string offset) => path.IsScalar
        ? $"{Unsafe}.Add(ref {reference}, {offset})"
        : $"{path.VectorClass}.LoadUnsafe(ref {reference}, {offset})";

    /// <summary>Stores an output, NaN canonicalized (docs/arithmetic.md: NaN bits are the hardware's otherwise).</summary>
    private static string Store(SimdPathSpec path, string value, string reference, string offset) => path.IsScalar
        ? $"{Unsafe}.Add(ref {reference}, {offset}) = {CanonicalizeNaN}({value});"
        : $"{path.VectorClass}.StoreUnsafe({CanonicalizeNaN}({value}), ref {reference}, (nuint)({offset}));";

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
