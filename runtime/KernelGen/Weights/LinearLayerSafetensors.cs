using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// Loads and saves a <see cref="LinearLayer"/>'s parameters under PyTorch's <c>nn.Linear</c>
/// state-dict names: <c>{prefix}.weight</c>, shape <c>[out, in]</c>, and <c>{prefix}.bias</c>,
/// shape <c>[out]</c>. Other names can be given explicitly.
/// </summary>
public static class LinearLayerSafetensors
{
    /// <summary>
    /// Sets the layer's parameters from <c>{prefix}.weight</c> and <c>{prefix}.bias</c> (just
    /// <c>weight</c> and <c>bias</c> when <paramref name="prefix"/> is empty). F16 and BF16 tensors
    /// widen exactly. Strict like PyTorch's <c>load_state_dict</c>: a layer declared without a bias
    /// refuses a file that has one.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A tensor the layer needs is missing.</exception>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, or a bias the layer does not declare.</exception>
    /// <exception cref="NotSupportedException">A tensor's dtype is not F32, F16 or BF16.</exception>
    public static void LoadParameters(this LinearLayer layer, SafetensorsFile file, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        LoadParameters(layer, file, Name(prefix, "weight"), Name(prefix, "bias"));
    }

    /// <summary>
    /// Sets the layer's parameters from the tensors <paramref name="weightName"/> (<c>[out, in]</c>)
    /// and <paramref name="biasName"/> (<c>[out]</c>). For a layer without a bias, pass
    /// <see langword="null"/> to skip the check that the file has no tensor of that name.
    /// Nothing changes unless both tensors are valid.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A tensor the layer needs is missing.</exception>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, or a bias the layer does not declare.</exception>
    /// <exception cref="NotSupportedException">A tensor's dtype is not F32, F16 or BF16.</exception>
    public static void LoadParameters(this LinearLayer layer, SafetensorsFile file, string weightName, string? biasName)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(weightName);
        string type = layer.GetType().Name;

        float[] weight = ReadChecked(file, weightName, [layer.OutFeatures, layer.InFeatures], type, "weight", layer);
        float[] bias = [];
        if (layer.HasBias)
        {
            if (biasName is null)
            {
                throw new ArgumentNullException(nameof(biasName), $"{type} declares a bias, so it needs the name of its bias tensor.");
            }

            bias = ReadChecked(file, biasName, [layer.OutFeatures], type, "bias", layer);
        }
        else if (biasName is not null && file.Contains(biasName))
        {
            throw new ArgumentException(
                $"The file has a bias tensor {SafetensorsHeaderParser.Quote(biasName)}, but {type} is declared without a bias (Bias = false); declare it with a bias, or pass biasName: null to ignore it.",
                nameof(file));
        }

        layer.SetParameters(weight, bias);
    }

    /// <summary>Adds the layer's weight and bias to <paramref name="writer"/> as <c>{prefix}.weight</c> and <c>{prefix}.bias</c>.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="writer">The file being built.</param>
    /// <param name="prefix">The module name, for example <c>encoder.layer.0.output.dense</c>; empty for bare <c>weight</c> and <c>bias</c>.</param>
    /// <param name="dtype">F32 (exact), or F16 or BF16 (rounded to nearest-even).</param>
    public static void SaveParameters(this LinearLayer layer, SafetensorsWriter writer, string prefix, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(prefix);
        writer.Add(Name(prefix, "weight"), layer.Weight, [layer.OutFeatures, layer.InFeatures], dtype);
        if (layer.HasBias)
        {
            writer.Add(Name(prefix, "bias"), layer.Bias, [layer.OutFeatures], dtype);
        }
    }

    private static string Name(string prefix, string parameter) => SafetensorsParameters.Name(prefix, parameter);

    private static float[] ReadChecked(SafetensorsFile file, string name, int[] needed, string type, string role, LinearLayer layer) =>
        SafetensorsParameters.Read(file, name, needed, type, role, $"Linear {layer.InFeatures} -> {layer.OutFeatures}");
}
