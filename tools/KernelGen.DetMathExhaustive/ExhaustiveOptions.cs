using System;
using System.Collections.Generic;
using System.Globalization;
using KernelGen.DetMathChecks;

namespace KernelGen.DetMathExhaustive;

/// <summary>The command line: which functions, which inputs, which devices.</summary>
internal sealed record ExhaustiveOptions(
    IReadOnlyList<DetMathFunction> Functions,
    ulong FirstBits,
    ulong LastBits,
    uint Stride,
    bool CpuOnly,
    string? UndecidedFile,
    bool Vector = false)
{
    public const string Usage = """
        usage: KernelGen.DetMathExhaustive [options]
          --functions exp,log,...  functions to check (default: all: exp,log,tanh,erf,sigmoid,silu,gelu,gelutanh,rsqrt)
          --range FIRST LAST       input bit patterns, hex, inclusive (default: 00000000 FFFFFFFF)
          --stride N               check every N-th bit pattern of the range (default 1: all)
          --cpu-only               no GPU: CPU results only, judged against the references
          --vector                 no GPU, no reference: the vector forms (Vector512/256/128, those this
                                   processor runs) against the scalar function, bit for bit, per lane
          --undecided-file PATH    write the misrounded and undecided inputs (function, input bits, result bits)
                                   for check_undecided.py, which settles them with mpmath
        """;

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a message on a bad one.</summary>
    public static ExhaustiveOptions Parse(string[] args)
    {
        var options = new ExhaustiveOptions(DetMathFunctions.All, 0, uint.MaxValue, 1, false, null);
        for (int i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--functions" => options with { Functions = ParseFunctions(Next(args, ref i)) },
                "--range" => options with { FirstBits = ParseHex(Next(args, ref i)), LastBits = ParseHex(Next(args, ref i)) },
                "--stride" => options with { Stride = uint.Parse(Next(args, ref i), CultureInfo.InvariantCulture) },
                "--cpu-only" => options with { CpuOnly = true },
                "--vector" => options with { Vector = true },
                "--undecided-file" => options with { UndecidedFile = Next(args, ref i) },
                _ => throw new FormatException($"Unknown option '{args[i]}'."),
            };
        }

        if (options.FirstBits > options.LastBits || options.Stride == 0)
        {
            throw new FormatException("The range must have FIRST <= LAST and the stride must be at least 1.");
        }

        return options;
    }

    private static string Next(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new FormatException($"Option '{args[i - 1]}' needs a value.");

    private static ulong ParseHex(string text) =>
        uint.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint bits)
            ? bits
            : throw new FormatException($"'{text}' is not a 32-bit hex pattern.");

    private static DetMathFunction[] ParseFunctions(string text) =>
        Array.ConvertAll(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), name =>
            Enum.TryParse(name, ignoreCase: true, out DetMathFunction function)
                ? function
                : throw new FormatException($"Unknown function '{name}'."));
}
