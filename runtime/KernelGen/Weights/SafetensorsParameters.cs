using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>Reads one parameter tensor for a layer, with the checks and messages every layer's loader shares.</summary>
internal static class SafetensorsParameters
{
    /// <summary><c>{prefix}.{parameter}</c>, or just the parameter for an empty prefix.</summary>
    public static string Name(string prefix, string parameter) => prefix.Length == 0 ? parameter : $"{prefix}.{parameter}";

    /// <summary>Reads tensor <paramref name="name"/> as floats after checking it exists and has shape <paramref name="needed"/>.</summary>
    /// <param name="file">The file.</param>
    /// <param name="name">The tensor's name.</param>
    /// <param name="needed">The shape the layer needs.</param>
    /// <param name="type">The layer's type name.</param>
    /// <param name="role">The parameter's role (weight, bias), for messages.</param>
    /// <param name="describe">The layer's declaration in words (<c>Linear 768 -> 64</c>, <c>LayerNorm 768</c>), for messages.</param>
    public static float[] Read(SafetensorsFile file, string name, int[] needed, string type, string role, string describe)
    {
        if (!file.TryGetTensor(name, out SafetensorsTensorInfo? info))
        {
            throw new KeyNotFoundException(
                $"{type} needs its {role} {SafetensorsTensorInfo.FormatShape(needed)} from tensor {SafetensorsHeaderParser.Quote(name)}, but {file.DescribeMissing(name)}.");
        }

        if (!Same(info.Shape, needed))
        {
            throw new ArgumentException(
                $"Tensor {SafetensorsHeaderParser.Quote(name)} has shape {info.ShapeString}; the {role} of {type} ({describe}) needs {SafetensorsTensorInfo.FormatShape(needed)}.",
                nameof(file));
        }

        return file.ReadSingles(name);
    }

    /// <summary>Throws when the file has a tensor for a parameter the layer does not declare (strict, like PyTorch's load_state_dict).</summary>
    public static void RefuseUndeclared(SafetensorsFile file, string? name, string type, string role, string declaration)
    {
        if (name is not null && file.Contains(name))
        {
            throw new ArgumentException(
                $"The file has a {role} tensor {SafetensorsHeaderParser.Quote(name)}, but {type} is declared without a {role} ({declaration}); declare it with a {role}, or pass null as its name to ignore it.",
                nameof(file));
        }
    }

    private static bool Same(IReadOnlyList<int> shape, int[] needed)
    {
        if (shape.Count != needed.Length)
        {
            return false;
        }

        for (int i = 0; i < needed.Length; i++)
        {
            if (shape[i] != needed[i])
            {
                return false;
            }
        }

        return true;
    }
}
