using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// Loads and saves the parameters of <see cref="LayerNormLayer"/> and <see cref="RmsNormLayer"/> under
/// PyTorch's state-dict names: <c>{prefix}.weight</c> and <c>{prefix}.bias</c>, each <c>[features]</c>.
/// F16 and BF16 tensors widen exactly. Strict like PyTorch's <c>load_state_dict</c>: a parameter the
/// layer does not declare must not be in the file under its name.
/// </summary>
public static class NormLayerSafetensors
{
    /// <summary>Sets a LayerNorm's weight and bias from <c>{prefix}.weight</c> and <c>{prefix}.bias</c>; nothing changes unless both are valid.</summary>
    /// <exception cref="KeyNotFoundException">A tensor the layer needs is missing.</exception>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, or the layer does not declare it.</exception>
    public static void LoadParameters(this LayerNormLayer layer, SafetensorsFile file, string prefix)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(prefix);
        string type = layer.GetType().Name;
        string describe = $"LayerNorm {layer.Features}";
        string weightName = SafetensorsParameters.Name(prefix, "weight");
        string biasName = SafetensorsParameters.Name(prefix, "bias");
        float[] weight = [];
        float[] bias = [];
        if (layer.HasWeight)
        {
            weight = SafetensorsParameters.Read(file, weightName, [layer.Features], type, "weight", describe);
        }
        else
        {
            SafetensorsParameters.RefuseUndeclared(file, weightName, type, "weight", "ElementwiseAffine = false");
        }

        if (layer.HasBias)
        {
            bias = SafetensorsParameters.Read(file, biasName, [layer.Features], type, "bias", describe);
        }
        else
        {
            SafetensorsParameters.RefuseUndeclared(file, biasName, type, "bias", layer.HasWeight ? "Bias = false" : "ElementwiseAffine = false");
        }

        layer.SetParameters(weight, bias);
    }

    /// <summary>Sets an RMSNorm's weight from <c>{prefix}.weight</c>.</summary>
    /// <exception cref="KeyNotFoundException">The tensor is missing.</exception>
    /// <exception cref="ArgumentException">The tensor has the wrong shape, or the layer does not declare a weight.</exception>
    public static void LoadParameters(this RmsNormLayer layer, SafetensorsFile file, string prefix)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(prefix);
        string type = layer.GetType().Name;
        string weightName = SafetensorsParameters.Name(prefix, "weight");
        if (layer.HasWeight)
        {
            layer.SetParameters(SafetensorsParameters.Read(file, weightName, [layer.Features], type, "weight", $"RMSNorm {layer.Features}"));
        }
        else
        {
            SafetensorsParameters.RefuseUndeclared(file, weightName, type, "weight", "ElementwiseAffine = false");
        }
    }

    /// <summary>Adds a LayerNorm's declared parameters to <paramref name="writer"/> as <c>{prefix}.weight</c> and <c>{prefix}.bias</c>.</summary>
    public static void SaveParameters(this LayerNormLayer layer, SafetensorsWriter writer, string prefix, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(prefix);
        if (layer.HasWeight)
        {
            writer.Add(SafetensorsParameters.Name(prefix, "weight"), layer.Weight, [layer.Features], dtype);
        }

        if (layer.HasBias)
        {
            writer.Add(SafetensorsParameters.Name(prefix, "bias"), layer.Bias, [layer.Features], dtype);
        }
    }

    /// <summary>Adds an RMSNorm's weight, when declared, to <paramref name="writer"/> as <c>{prefix}.weight</c>.</summary>
    public static void SaveParameters(this RmsNormLayer layer, SafetensorsWriter writer, string prefix, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(prefix);
        if (layer.HasWeight)
        {
            writer.Add(SafetensorsParameters.Name(prefix, "weight"), layer.Weight, [layer.Features], dtype);
        }
    }
}
