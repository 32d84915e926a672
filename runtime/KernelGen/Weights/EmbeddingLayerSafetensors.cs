using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>Loads and saves an <see cref="EmbeddingLayer"/>'s table under PyTorch's <c>nn.Embedding</c> name, <c>{prefix}.weight</c> (<c>[num, dim]</c>).</summary>
public static class EmbeddingLayerSafetensors
{
    /// <summary>Sets the table from <c>{prefix}.weight</c>; F16 and BF16 widen exactly.</summary>
    /// <exception cref="KeyNotFoundException">The tensor is missing.</exception>
    /// <exception cref="ArgumentException">The tensor has the wrong shape.</exception>
    public static void LoadParameters(this EmbeddingLayer layer, SafetensorsFile file, string prefix)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(prefix);
        layer.SetParameters(SafetensorsParameters.Read(
            file, SafetensorsParameters.Name(prefix, "weight"), [layer.NumEmbeddings, layer.EmbeddingDim], layer.GetType().Name, "weight", $"Embedding {layer.NumEmbeddings} x {layer.EmbeddingDim}"));
    }

    /// <summary>Adds the table to <paramref name="writer"/> as <c>{prefix}.weight</c>.</summary>
    public static void SaveParameters(this EmbeddingLayer layer, SafetensorsWriter writer, string prefix, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(prefix);
        writer.Add(SafetensorsParameters.Name(prefix, "weight"), layer.Weight, [layer.NumEmbeddings, layer.EmbeddingDim], dtype);
    }
}
