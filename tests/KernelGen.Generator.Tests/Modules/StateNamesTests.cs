using KernelGen.Generator.Parsing;
using Xunit;

namespace KernelGen.Generator.Tests.Modules;

/// <summary>State-dict names derived from member names, as docs/modules.md states the rules.</summary>
public sealed class StateNamesTests
{
    [Theory]
    [InlineData("_fc1", "fc1")]
    [InlineData("Fc1", "fc1")]
    [InlineData("fc1", "fc1")]
    [InlineData("m_fc1", "fc1")]
    [InlineData("__ln", "ln")]
    [InlineData("SelfAttention", "self_attention")]
    [InlineData("selfAttention", "self_attention")]
    [InlineData("_selfAttention", "self_attention")]
    [InlineData("LayerNorm2", "layer_norm2")]
    [InlineData("Conv2d", "conv2d")]
    [InlineData("Block2Out", "block2_out")]
    [InlineData("MLPBlock", "mlp_block")]
    [InlineData("QKVProj", "qkv_proj")]
    [InlineData("MLP", "mlp")]
    [InlineData("word_embeddings", "word_embeddings")]
    [InlineData("Word_Embeddings", "word_embeddings")]
    [InlineData("LayerNorm", "layer_norm")]
    [InlineData("m_", "m_")] // a prefix only when a name follows it
    [InlineData("_", "")]
    public void Member_names_become_snake_case_without_field_prefixes(string memberName, string stateName)
    {
        Assert.Equal(stateName, StateNames.FromMemberName(memberName));
    }

    [Theory]
    [InlineData("fc1", true)]
    [InlineData("LayerNorm", true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a.b", false)]
    [InlineData(".", false)]
    public void A_segment_is_not_empty_and_has_no_dot(string? name, bool valid)
    {
        Assert.Equal(valid, StateNames.IsValidSegment(name));
    }
}
