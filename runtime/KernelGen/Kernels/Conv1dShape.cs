namespace KernelGen;

/// <summary>The declared shape of a 1-D convolution, as the kernels read it.</summary>
/// <param name="InChannels">Input channels.</param>
/// <param name="OutChannels">Output channels.</param>
/// <param name="KernelSize">Taps per channel.</param>
/// <param name="InputLength">Positions of an input row.</param>
/// <param name="OutputLength">Positions of an output row.</param>
/// <param name="Stride">The step between output positions.</param>
/// <param name="Padding">Zero positions at each end.</param>
/// <param name="Dilation">The step between taps.</param>
/// <param name="Groups">Channel groups.</param>
/// <param name="HasBias">1 when a bias is added, else 0.</param>
public readonly record struct Conv1dShape(
    int InChannels, int OutChannels, int KernelSize, int InputLength, int OutputLength, int Stride, int Padding, int Dilation, int Groups, int HasBias)
{
    /// <summary>Input channels per group.</summary>
    public int GroupInChannels => InChannels / Groups;

    /// <summary>Output channels per group.</summary>
    public int GroupOutChannels => OutChannels / Groups;

    /// <summary>Floats of the weight, <c>[OutChannels, InChannels / Groups, KernelSize]</c>.</summary>
    public int WeightLength => OutChannels * GroupInChannels * KernelSize;

    /// <summary>The output length PyTorch gives for these arguments.</summary>
    public static int OutputLengthOf(int inputLength, int kernelSize, int stride, int padding, int dilation) =>
        ((inputLength + (2 * padding) - (dilation * (kernelSize - 1)) - 1) / stride) + 1;
}
