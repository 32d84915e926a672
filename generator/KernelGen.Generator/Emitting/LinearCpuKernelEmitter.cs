using System.Globalization;
using System.Text;
using KernelGen.Generator.Model;

namespace KernelGen.Generator.Emitting;

/// <summary>
/// Emits the CPU kernels of a linear layer: for each <see cref="SimdPathSpec"/>, a tile driver and
/// register-tiled micro-kernels of <see cref="SimdPathSpec.TileRows"/> rows and of one row.
/// </summary>
internal static class LinearCpuKernelEmitter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    public static void EmitDispatch(CodeWriter writer)
    {
        writer.Line("/// <inheritdoc/>");
        using (writer.Block("protected override void ComputeTile(global::KernelGen.SimdPath path, global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int rowStart, int rowEnd, int columnStart, int columnEnd)"))
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
        EmitDriver(writer, path);
        writer.Line();
        EmitMicroKernel(writer, model, path, SimdPathSpec.TileRows);
        writer.Line();
        EmitMicroKernel(writer, model, path, 1);
    }

    private static void EmitDriver(CodeWriter writer, SimdPathSpec path)
    {
        int rows = SimdPathSpec.TileRows;
        int columns = path.TileColumns;
        writer.Line($"// {path.Name}: tiles of {rows} rows × {columns} columns, then 1-row tiles for the remaining rows.");
        writer.Line("// A partial column tile is computed into a staging buffer, then its valid columns are copied.");
        using (writer.Block($"private void ComputeTile{path.Name}(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int rowStart, int rowEnd, int columnStart, int columnEnd)"))
        {
            writer.Lines(
                $"ref float x = ref {MemoryMarshal}.GetReference(input);",
                $"ref float y = ref {MemoryMarshal}.GetReference(output);",
                $"ref float w = ref {MemoryMarshal}.GetReference(PackedWeight);",
                $"ref float b = ref {MemoryMarshal}.GetReference(PackedBias);",
                $"global::System.Span<float> staging = stackalloc float[{rows * columns}];",
                $"ref float s = ref {MemoryMarshal}.GetReference(staging);",
                "int row = rowStart;");
            EmitRowLoop(writer, path, rows, $"for (; row + {rows} <= rowEnd; row += {rows})");
            EmitRowLoop(writer, path, 1, "for (; row < rowEnd; row++)");
        }
    }

    private static void EmitRowLoop(CodeWriter writer, SimdPathSpec path, int rows, string header)
    {
        int columns = path.TileColumns;
        string kernel = $"{path.Name}Rows{rows}";
        using (writer.Block(header))
        {
            writer.Line($"ref float xRow = ref {Unsafe}.Add(ref x, row * K);");
            using (writer.Block($"for (int column = columnStart; column < columnEnd; column += {columns})"))
            {
                writer.Line($"int width = global::System.Math.Min({columns}, columnEnd - column);");
                using (writer.Block($"if (width == {columns})"))
                {
                    writer.Line($"{kernel}(ref xRow, ref {Unsafe}.Add(ref w, column), ref {Unsafe}.Add(ref b, column), ref {Unsafe}.Add(ref y, (row * N) + column), N);");
                }

                using (writer.Block("else"))
                {
                    writer.Line($"{kernel}(ref xRow, ref {Unsafe}.Add(ref w, column), ref {Unsafe}.Add(ref b, column), ref s, {columns});");
                    writer.Line($"CopyTile(staging, {columns}, output, N, row, {rows}, column, width);");
                }
            }
        }
    }

    private static void EmitMicroKernel(CodeWriter writer, LinearLayerModel model, SimdPathSpec path, int rows)
    {
        int vectors = path.VectorsPerRow;
        string type = path.VectorType;
        string zero = path.IsScalar ? "0f" : $"{type}.Zero";

        writer.Line($"// {rows} row(s) × {path.TileColumns} columns: {rows * vectors} accumulators of {Describe(path)}, k ascending, one FMA per k per output.");
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Block($"private static void {path.Name}Rows{rows}(ref float x, ref float w, ref float bias, ref float y, int yStride)"))
        {
            for (int r = 0; r < rows; r++)
            {
                writer.Line($"{type} {Join(vectors, c => $"acc{r}_{c} = {zero}")};");
            }

            using (writer.Block("for (int k = 0; k < K; k++)"))
            {
                writer.Line($"ref float wk = ref {Unsafe}.Add(ref w, k * Stride);");
                for (int c = 0; c < vectors; c++)
                {
                    writer.Line(path.IsScalar
                        ? $"float w{c} = {Unsafe}.Add(ref wk, {c});"
                        : $"{type} w{c} = {path.VectorClass}.LoadUnsafe(ref wk, {c * path.Lanes});");
                }

                for (int r = 0; r < rows; r++)
                {
                    string element = r == 0 ? $"{Unsafe}.Add(ref x, k)" : $"{Unsafe}.Add(ref x, {Offset(r, "K")} + k)";
                    writer.Line(path.IsScalar ? $"float x{r} = {element};" : $"{type} x{r} = {path.VectorClass}.Create({element});");
                }

                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < vectors; c++)
                    {
                        writer.Line(path.IsScalar
                            ? $"acc{r}_{c} = global::KernelGen.DetMath.Fma(x{r}, w{c}, acc{r}_{c});"
                            : $"acc{r}_{c} = {path.VectorClass}.FusedMultiplyAdd(x{r}, w{c}, acc{r}_{c});");
                    }
                }
            }

            if (model.HasBias)
            {
                writer.Line("// The bias, added once after the chain.");
                for (int c = 0; c < vectors; c++)
                {
                    writer.Line(path.IsScalar
                        ? $"float b{c} = {Unsafe}.Add(ref bias, {c});"
                        : $"{type} b{c} = {path.VectorClass}.LoadUnsafe(ref bias, {c * path.Lanes});");
                }
            }

            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < vectors; c++)
                {
                    string value = model.HasBias ? $"acc{r}_{c} + b{c}" : $"acc{r}_{c}";
                    string offset = Offset(r, "yStride", c * path.Lanes);
                    writer.Line(path.IsScalar
                        ? $"{Unsafe}.Add(ref y, {offset}) = {value};"
                        : $"{path.VectorClass}.StoreUnsafe({value}, ref y, (nuint)({offset}));");
                }
            }
        }
    }

    private static string Describe(SimdPathSpec path) => path.IsScalar ? "float" : $"{path.Name}<float>";

    private static string Offset(int row, string stride, int column = 0)
    {
        string rowPart = row switch
        {
            0 => string.Empty,
            1 => stride,
            _ => $"{row.ToString(CultureInfo.InvariantCulture)} * {stride}",
        };

        if (column == 0)
        {
            return rowPart.Length == 0 ? "0" : rowPart;
        }

        string columnPart = column.ToString(CultureInfo.InvariantCulture);
        return rowPart.Length == 0 ? columnPart : $"{rowPart} + {columnPart}";
    }

    private static string Join(int count, System.Func<int, string> item)
    {
        var builder = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(item(i));
        }

        return builder.ToString();
    }
}
