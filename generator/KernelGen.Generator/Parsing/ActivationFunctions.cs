namespace KernelGen.Generator.Parsing;

/// <summary>The members of <c>KernelGen.ActivationFunction</c>, which <c>[Activation]</c> and <c>[Linear(Activation = …)]</c> name.</summary>
internal static class ActivationFunctions
{
    /// <summary>The member names, by value (the enum numbers them from 0).</summary>
    private static readonly string[] Names = ["Relu", "Gelu", "GeluTanh", "Silu", "Tanh", "Sigmoid"];

    /// <summary>The members, for a diagnostic: "Relu, Gelu, …".</summary>
    public static string List { get; } = string.Join(", ", Names);

    /// <summary>The name of the member whose value is <paramref name="value"/>; <see langword="false"/> when none has it.</summary>
    public static bool TryGetName(int value, out string name)
    {
        bool known = value >= 0 && value < Names.Length;
        name = known ? Names[value] : string.Empty;
        return known;
    }
}
