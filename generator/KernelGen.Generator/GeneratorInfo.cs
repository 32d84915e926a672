namespace KernelGen.Generator;

/// <summary>Facts written into every generated file.</summary>
internal static class GeneratorInfo
{
    /// <summary>The generator's version (the package version).</summary>
    public const string Version = "0.1.0";

    /// <summary>The arithmetic the generated kernels implement (runtime: KernelGen.ArithmeticVersion.Name).</summary>
    public const string ArithmeticName = "KG-Bitwise-1";
}
