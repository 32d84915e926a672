using System;

namespace KernelGen;

/// <summary>
/// Declares a 1-D convolution (PyTorch's <c>nn.Conv1d</c>: zero padding, weight
/// <c>[outChannels, inChannels / Groups, kernelSize]</c>) over inputs of <see cref="InputLength"/>
/// positions. A row is one sample, <c>[inChannels, inputLength]</c> → <c>[outChannels, outputLength]</c>
/// with <c>outputLength = (inputLength + 2·Padding − Dilation·(kernelSize − 1) − 1) / Stride + 1</c>.
/// Apply it to a <c>partial</c> class; the generator makes it derive from <see cref="Conv1dLayer"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class Conv1dAttribute : LayerAttribute
{
    /// <summary>Declares the convolution.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Taps per channel.</param>
    /// <param name="inputLength">Positions of an input row.</param>
    public Conv1dAttribute(int inChannels, int outChannels, int kernelSize, int inputLength)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        InputLength = inputLength;
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Taps per channel.</summary>
    public int KernelSize { get; }

    /// <summary>Positions of an input row.</summary>
    public int InputLength { get; }

    /// <summary>The step between output positions. Defaults to 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Zero positions added at each end. Defaults to 0.</summary>
    public int Padding { get; set; }

    /// <summary>The step between taps. Defaults to 1.</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>Channel groups; both channel counts must be multiples of it. Defaults to 1.</summary>
    public int Groups { get; set; } = 1;

    /// <summary>Whether a bias is added once after each sum. Defaults to <see langword="true"/>.</summary>
    public bool Bias { get; set; } = true;
}
