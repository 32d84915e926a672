namespace KernelGen.Generator.Model;

/// <summary>A valid <c>[Conv1d]</c> declaration.</summary>
internal sealed record Conv1dLayerModel(
    LayerTypeModel Type, int InChannels, int OutChannels, int KernelSize, int InputLength, int OutputLength, int Stride, int Padding, int Dilation, int Groups, bool HasBias)
{
    /// <summary>The name of the generated file.</summary>
    public string HintName => Type.DisplayName.Replace("@", string.Empty) + ".Conv1d.g.cs";
}
