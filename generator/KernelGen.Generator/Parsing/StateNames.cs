using System.Text;

namespace KernelGen.Generator.Parsing;

/// <summary>
/// PyTorch state-dict names from C# member names: <c>_fc1</c> → <c>fc1</c>,
/// <c>SelfAttention</c> → <c>self_attention</c>, <c>LayerNorm2</c> → <c>layer_norm2</c>,
/// <c>QKVProj</c> → <c>qkv_proj</c>.
/// </summary>
/// <remarks>
/// The rules: leading underscores, or a leading <c>m_</c>, are dropped (field-naming conventions, not
/// part of the name); then a word starts at an upper-case letter that follows a lower-case letter or a
/// digit, or that ends a run of capitals and is followed by a lower-case letter (<c>MLPBlock</c> →
/// <c>mlp_block</c>). Digits stay with the word before them, as PyTorch's own names have it
/// (<c>fc1</c>, <c>conv2d</c>, <c>layer_norm2</c>); a capital after a digit starts a word
/// (<c>Block2Out</c> → <c>block2_out</c>). Underscores already in the name are kept, never doubled.
/// </remarks>
internal static class StateNames
{
    /// <summary>The state-dict segment for the member <paramref name="memberName"/>; empty for a member named <c>_</c>.</summary>
    public static string FromMemberName(string memberName)
    {
        string stem = WithoutFieldPrefix(memberName);
        var name = new StringBuilder(stem.Length + 4);
        for (int i = 0; i < stem.Length; i++)
        {
            char c = stem[i];
            if (char.IsUpper(c) && i > 0 && StartsWord(stem, i))
            {
                name.Append('_');
            }

            name.Append(char.ToLowerInvariant(c));
        }

        return name.ToString();
    }

    /// <summary>Whether <paramref name="name"/> can be one segment of a dotted state-dict name.</summary>
    public static bool IsValidSegment(string? name) => !string.IsNullOrEmpty(name) && name!.IndexOf('.') < 0;

    private static string WithoutFieldPrefix(string memberName)
    {
        if (memberName.Length > 2 && memberName.StartsWith("m_", System.StringComparison.Ordinal))
        {
            return memberName.Substring(2);
        }

        return memberName.TrimStart('_');
    }

    /// <summary>Whether the capital at <paramref name="i"/> (not the first character) begins a new word.</summary>
    private static bool StartsWord(string stem, int i)
    {
        char previous = stem[i - 1];
        if (char.IsLower(previous) || char.IsDigit(previous))
        {
            return true;
        }

        // The last capital of an acronym before a lower-case letter begins the next word: MLPBlock → mlp_block.
        return char.IsUpper(previous) && i + 1 < stem.Length && char.IsLower(stem[i + 1]);
    }
}
