using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// The base of every generated 1-D convolution (<see cref="Conv1dAttribute"/>). A row layer: one input
/// row is a sample <c>[InChannels, InputLength]</c>, one output row <c>[OutChannels, OutputLength]</c>.
/// Parameters start at zero; <see cref="InitializeUniform"/> draws PyTorch's initialization.
/// </summary>
public abstract class Conv1dLayer : RowLayer
{
    /// <summary>Creates the layer; called by the generated constructor.</summary>
    /// <param name="shape">The declared shape.</param>
    protected Conv1dLayer(Conv1dShape shape)
        : base(checked(shape.InChannels * shape.InputLength), checked(shape.OutChannels * shape.OutputLength), checked(shape.WeightLength + (shape.HasBias != 0 ? shape.OutChannels : 0)), allowInPlace: false)
    {
        ConvShape = shape;
    }

    /// <summary>The declared shape.</summary>
    public Conv1dShape ConvShape { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool HasBias => ConvShape.HasBias != 0;

    /// <summary>The weight, <c>[OutChannels, InChannels / Groups, KernelSize]</c>.</summary>
    public ReadOnlySpan<float> Weight => Parameters[..ConvShape.WeightLength];

    /// <summary>The bias, <c>[OutChannels]</c>; empty without one.</summary>
    public ReadOnlySpan<float> Bias => Parameters[ConvShape.WeightLength..];

    /// <summary>Sets the weight and the bias.</summary>
    /// <exception cref="ArgumentException">A length does not match the declared shape.</exception>
    public void SetParameters(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias)
    {
        Conv1dShape s = ConvShape;
        if (weight.Length != s.WeightLength)
        {
            throw new ArgumentException(
                $"weight has {weight.Length} values; a {GetType().Name} needs [{s.OutChannels}, {s.GroupInChannels}, {s.KernelSize}] = {s.WeightLength}.", nameof(weight));
        }

        ParameterChecks.CheckVector(bias.Length, HasBias, s.OutChannels, nameof(bias), GetType().Name, "Bias = false");
        SetParameterRange(0, weight);
        SetParameterRange(s.WeightLength, bias);
    }

    /// <summary>
    /// PyTorch's initialization (uniform in ±1/√(InChannels / Groups · KernelSize)) from Philox: stream 0
    /// draws the weight in row-major order, stream 1 the bias.
    /// </summary>
    public void InitializeUniform(ulong seed)
    {
        Conv1dShape s = ConvShape;
        float bound = 1f / MathF.Sqrt(s.GroupInChannels * s.KernelSize);
        var weight = new float[s.WeightLength];
        var bias = new float[HasBias ? s.OutChannels : 0];
        new PhiloxRandom(seed, stream: 0).Fill(weight, -bound, bound);
        new PhiloxRandom(seed, stream: 1).Fill(bias, -bound, bound);
        SetParameters(weight, bias);
    }

    /// <inheritdoc/>
    internal override void CollectState(List<StateSlot> slots)
    {
        slots.Add(ParameterSlot("weight", 0, ConvShape.WeightLength, ConvShape.OutChannels, ConvShape.GroupInChannels, ConvShape.KernelSize));
        if (HasBias)
        {
            slots.Add(ParameterSlot("bias", ConvShape.WeightLength, ConvShape.OutChannels, ConvShape.OutChannels));
        }
    }
}
