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
}
