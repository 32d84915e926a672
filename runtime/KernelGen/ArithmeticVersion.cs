namespace KernelGen;

/// <summary>
/// The version of KernelGen's canonical arithmetic: the order of every sum, the rounding of every
/// operation and the functions behind every transcendental. Output bits of a layer depend only on
/// its inputs, its parameters and this version; they change only when this number changes.
/// </summary>
/// <remarks>The contract of each version is written in <c>docs/arithmetic.md</c>.</remarks>
public static class ArithmeticVersion
{
    /// <summary>The arithmetic version implemented by this build of KernelGen.</summary>
    public const int Current = 1;

    /// <summary>A short human-readable name of <see cref="Current"/>.</summary>
    public const string Name = "KG-Bitwise-1";

    /// <summary>
    /// The version of the exact tier's dot products (<see cref="KernelArithmetic.Exact"/>); the rest of a layer
    /// (bias, activations, reductions) follows <see cref="Current"/>.
    /// </summary>
    public const int ExactCurrent = 1;

    /// <summary>A short human-readable name of <see cref="ExactCurrent"/>.</summary>
    public const string ExactName = "KG-Exact-1";

    /// <summary>The name of the version that <paramref name="arithmetic"/> follows in this build: <see cref="Name"/> or <see cref="ExactName"/>.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="arithmetic"/> is not a member of <see cref="KernelArithmetic"/>.</exception>
    public static string NameOf(KernelArithmetic arithmetic) => arithmetic switch
    {
        KernelArithmetic.Bitwise => Name,
        KernelArithmetic.Exact => ExactName,
        _ => throw new System.ArgumentOutOfRangeException(nameof(arithmetic), arithmetic, "Not a member of KernelArithmetic."),
    };
}
