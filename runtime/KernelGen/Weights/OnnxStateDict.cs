using System;
using System.Collections.Generic;
using System.IO;

namespace KernelGen;

/// <summary>
/// Turns an ONNX graph's initializers into a PyTorch state dict. PyTorch's exporter names most
/// parameters as in the module tree, but a <c>Linear</c> becomes <c>MatMul(x, W) + b</c> with W its
/// weight transposed to <c>[in, out]</c> and renamed to a number (<c>'927'</c>); the bias keeps its name
/// (<c>encoder.layer.0.attention.self.query.bias</c>), so the graph says whose weight W is.
/// </summary>
internal static class OnnxStateDict
{
    private const string BiasSuffix = ".bias";

    public static SafetensorsFile Build(OnnxFile file)
    {
        Dictionary<string, Mapping> mapped = MapLinearWeights(file);
        var renamed = new HashSet<string>(StringComparer.Ordinal);
        foreach (Mapping mapping in mapped.Values)
        {
            renamed.Add(mapping.Source.Name);
        }

        var writer = new SafetensorsWriter();
        foreach (OnnxInitializer initializer in file.Initializers)
        {
            if (OnnxDataTypes.IsFloat32Convertible(initializer.DataType) && !renamed.Contains(initializer.Name))
            {
                writer.Add(initializer.Name, file.ReadSingles(initializer), Shape(initializer));
            }
        }

        foreach ((string name, Mapping mapping) in mapped)
        {
            float[] values = file.ReadSingles(mapping.Source);
            int[] stored = Shape(mapping.Source);
            int rows = stored[0], columns = stored[1];
            writer.Add(name, mapping.Transpose ? Transpose(values, rows, columns) : values, mapping.Transpose ? [columns, rows] : [rows, columns]);
        }

        var bytes = new MemoryStream();
        writer.WriteTo(bytes);
        return SafetensorsFile.FromMemory(bytes.GetBuffer().AsMemory(0, (int)bytes.Length), $"state dict of the ONNX {file.Description}");
    }

    /// <summary>PyTorch name → the initializer that holds that weight, and whether it is stored <c>[in, out]</c>.</summary>
    private static Dictionary<string, Mapping> MapLinearWeights(OnnxFile file)
    {
        var consumers = new Dictionary<string, List<OnnxNode>>(StringComparer.Ordinal);
        foreach (OnnxNode node in file.Nodes)
        {
            foreach (string input in node.Inputs)
            {
                if (!consumers.TryGetValue(input, out List<OnnxNode>? list))
                {
                    consumers[input] = list = [];
                }

                list.Add(node);
            }
        }

        var mapped = new Dictionary<string, Mapping>(StringComparer.Ordinal);
        foreach (OnnxNode node in file.Nodes)
        {
            if (node.Domain.Length != 0)
            {
                continue;
            }

            Mapping? mapping = node.OpType switch
            {
                "MatMul" => FromMatMul(file, node, consumers),
                "Gemm" => FromGemm(file, node),
                _ => null,
            };
            if (mapping is null || file.Contains(mapping.Name))
            {
                continue; // not a Linear, or the file already holds the weight under its PyTorch name
            }

            if (mapped.TryGetValue(mapping.Name, out Mapping? other) && other.Source != mapping.Source)
            {
                throw new OnnxFormatException(
                    $"{OnnxWireReader.Prefix(file.Description)}the weights {OnnxModelParser.Quote(other.Source.Name)} (node {OnnxModelParser.Quote(other.Node.Name)}) and {OnnxModelParser.Quote(mapping.Source.Name)} (node {OnnxModelParser.Quote(mapping.Node.Name)}) both feed the bias {OnnxModelParser.Quote(mapping.Name[..^".weight".Length] + BiasSuffix)}, so neither can be named {OnnxModelParser.Quote(mapping.Name)}.");
            }

            mapped[mapping.Name] = mapping;
        }

        return mapped;
    }

    /// <summary><c>MatMul(x, W)</c> whose only consumer is <c>Add(·, {prefix}.bias)</c>: W is <c>{prefix}.weight</c> transposed.</summary>
    private static Mapping? FromMatMul(OnnxFile file, OnnxNode node, Dictionary<string, List<OnnxNode>> consumers)
    {
        if (node.Inputs.Count != 2 || node.Outputs.Count != 1 || !IsMatrix(file, node.Inputs[1], out OnnxInitializer? weight)
            || !consumers.TryGetValue(node.Outputs[0], out List<OnnxNode>? users) || users.Count != 1)
        {
            return null;
        }

        OnnxNode add = users[0];
        if (add.OpType != "Add" || add.Domain.Length != 0 || add.Inputs.Count != 2)
        {
            return null;
        }

        string bias = add.Inputs[0] == node.Outputs[0] ? add.Inputs[1] : add.Inputs[0];
        return IsBiasOf(file, bias, weight.Dims[1]) ? new Mapping(WeightName(bias), weight, Transpose: true, node) : null;
    }

    /// <summary><c>Gemm(x, W, {prefix}.bias)</c> with α = β = 1 and no transposed input: W is <c>{prefix}.weight</c>, transposed unless <c>transB</c>.</summary>
    private static Mapping? FromGemm(OnnxFile file, OnnxNode node)
    {
        if (node.Inputs.Count != 3 || !IsMatrix(file, node.Inputs[1], out OnnxInitializer? weight)
            || node.GetInt("transA", 0) != 0 || node.GetFloat("alpha", 1f) != 1f || node.GetFloat("beta", 1f) != 1f)
        {
            return null;
        }

        bool transposed = node.GetInt("transB", 0) == 0; // [in, out]
        long outFeatures = transposed ? weight.Dims[1] : weight.Dims[0];
        string bias = node.Inputs[2];
        return IsBiasOf(file, bias, outFeatures) ? new Mapping(WeightName(bias), weight, transposed, node) : null;
    }

    private static bool IsMatrix(OnnxFile file, string name, out OnnxInitializer initializer)
    {
        initializer = null!;
        return file.TryGetInitializer(name, out OnnxInitializer? found) && found.Dims.Count == 2
            && OnnxDataTypes.IsFloat32Convertible(found.DataType) && (initializer = found) is not null;
    }

    private static bool IsBiasOf(OnnxFile file, string name, long outFeatures) =>
        name.Length > BiasSuffix.Length && name.EndsWith(BiasSuffix, StringComparison.Ordinal)
        && file.TryGetInitializer(name, out OnnxInitializer? bias) && bias.Dims.Count == 1 && bias.Dims[0] == outFeatures
        && OnnxDataTypes.IsFloat32Convertible(bias.DataType);

    private static string WeightName(string bias) => bias[..^BiasSuffix.Length] + ".weight";

    private static int[] Shape(OnnxInitializer initializer)
    {
        if (initializer.Name == SafetensorsHeaderParser.MetadataKey)
        {
            throw new NotSupportedException(
                $"An initializer is named '{SafetensorsHeaderParser.MetadataKey}', the one name a safetensors state dict reserves.");
        }

        var shape = new int[initializer.Dims.Count];
        for (int i = 0; i < shape.Length; i++)
        {
            long extent = initializer.Dims[i];
            if (extent > int.MaxValue)
            {
                throw new NotSupportedException(
                    $"Initializer {OnnxModelParser.Quote(initializer.Name)} has dims {initializer.DimsString}; a state dict holds extents up to {int.MaxValue}.");
            }

            shape[i] = (int)extent;
        }

        return shape;
    }

    private static float[] Transpose(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return result;
    }

    private sealed record Mapping(string Name, OnnxInitializer Source, bool Transpose, OnnxNode Node);
}
