using System;
using System.Linq;

namespace KernelGen;

/// <summary>
/// The checks of a residual argument (<see cref="ResidualAdd"/>), shared by the CPU and GPU layers, with
/// messages that name the argument, what it got and what it needs.
/// </summary>
internal static class ResidualChecks
{
    /// <summary>Called without a residual: the layer must not declare one.</summary>
    public static void CheckNotDeclared(RowLayer layer)
    {
        ResidualAdd declared = layer.ResidualMode;
        if (declared != ResidualAdd.None)
        {
            string formula = declared == ResidualAdd.AfterNorm ? "y = residual + Norm(input)" : "y = Norm(input + residual)";
            throw new ArgumentException(
                $"residual is missing: {layer.GetType().Name} is declared with Residual = ResidualAdd.{declared} ({formula}); " +
                "call Forward(input, residual, output).",
                "residual");
        }
    }

    /// <summary>Called with a residual of <paramref name="residualLength"/> values for <paramref name="inputLength"/> input values: the layer must declare one and the lengths must match.</summary>
    public static void CheckDeclared(RowLayer layer, long residualLength, long inputLength)
    {
        if (layer.ResidualMode == ResidualAdd.None)
        {
            string name = layer.GetType().Name;
            throw new ArgumentException(
                layer is NormLayer
                    ? $"residual has {residualLength} values, but {name} is declared without a residual add (Residual = ResidualAdd.None): " +
                      "call Forward(input, output), or declare Residual = ResidualAdd.AfterNorm or ResidualAdd.BeforeNorm."
                    : $"residual has {residualLength} values, but {name} takes no residual: call Forward(input, output).",
                "residual");
        }

        if (residualLength != inputLength)
        {
            throw new ArgumentException($"residual has {residualLength} values; it needs as many as input: {inputLength}.", "residual");
        }
    }

    /// <summary>The output may be the residual itself, or separate from it, never a part of it.</summary>
    public static void CheckOverlap(ReadOnlySpan<float> residual, ReadOnlySpan<float> output)
    {
        if (residual.Overlaps(output, out int offset) && !(offset == 0 && residual.Length == output.Length))
        {
            throw new ArgumentException(
                "output partly overlaps residual; pass the same memory as input or residual for an in-place pass, or separate memory.", "output");
        }
    }

    /// <summary>A residual tensor has the shape of the input.</summary>
    public static void CheckShape(Tensor input, Tensor residual)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(residual);
        if (!input.Shape.SequenceEqual(residual.Shape))
        {
            throw new ArgumentException($"residual has shape {residual.ShapeString}; it needs the shape of input: {input.ShapeString}.", nameof(residual));
        }
    }
}
