using System;
using System.Collections.Generic;

namespace KernelGen.DetMathChecks;

/// <summary>
/// Counts of <see cref="RoundingVerdict"/>s and the largest ulp error over a set of inputs, with the
/// inputs that were misrounded or undecided (the first <see cref="MaxListed"/> of each). Not thread-safe:
/// give each thread its own and <see cref="Add(AccuracyTally)"/> them.
/// </summary>
internal sealed class AccuracyTally
{
    /// <summary>How many misrounded or undecided inputs are kept for the report.</summary>
    public const int MaxListed = 1000;

    public long Checked { get; private set; }

    public long Misrounded { get; private set; }

    public long Undecided { get; private set; }

    public double MaxUlpError { get; private set; }

    public float MaxUlpErrorInput { get; private set; }

    public List<float> MisroundedInputs { get; } = new();

    public List<float> UndecidedInputs { get; } = new();

    /// <summary>Judges <paramref name="result"/> (the DetMath value at <paramref name="x"/>) against the reference.</summary>
    public void Record(DetMathFunction function, float x, float result)
    {
        double reference = DetMathReference.Evaluate(function, x);
        Checked++;
        double ulpError = RoundingJudge.UlpError(result, reference);
        if (ulpError > MaxUlpError)
        {
            MaxUlpError = ulpError;
            MaxUlpErrorInput = x;
        }

        switch (RoundingJudge.Judge(result, reference, DetMathReference.RelativeErrorBound))
        {
            case RoundingVerdict.Misrounded:
                Misrounded++;
                AddListed(MisroundedInputs, x);
                break;
            case RoundingVerdict.Undecided:
                Undecided++;
                AddListed(UndecidedInputs, x);
                break;
        }
    }

    /// <summary>Adds another tally's counts and lists to this one.</summary>
    public void Add(AccuracyTally other)
    {
        Checked += other.Checked;
        Misrounded += other.Misrounded;
        Undecided += other.Undecided;
        if (other.MaxUlpError > MaxUlpError)
        {
            MaxUlpError = other.MaxUlpError;
            MaxUlpErrorInput = other.MaxUlpErrorInput;
        }

        foreach (float x in other.MisroundedInputs)
        {
            AddListed(MisroundedInputs, x);
        }

        foreach (float x in other.UndecidedInputs)
        {
            AddListed(UndecidedInputs, x);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Checked} checked, {Misrounded} misrounded, {Undecided} undecided, max {MaxUlpError:F4} ulp at {Describe(MaxUlpErrorInput)}";

    /// <summary>A float as its value and bits, for reports.</summary>
    public static string Describe(float x) => $"{x:R} (0x{BitConverter.SingleToUInt32Bits(x):X8})";

    private static void AddListed(List<float> list, float x)
    {
        if (list.Count < MaxListed)
        {
            list.Add(x);
        }
    }
}
