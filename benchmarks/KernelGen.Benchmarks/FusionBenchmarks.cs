using System;
using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>
/// An MLP's expansion with its GELU: the fused layer (<c>Activation = ActivationFunction.Gelu</c>, the function on each
/// tile just stored) against the plain Linear followed by the [Activation] layer (a second pass over the output).
/// Both give the same bits (checked in setup).
/// </summary>
[Config(typeof(ShortCpuConfig))]
public class FusionBenchmarks
{
    private readonly FusedUp768x3072 _fused = new(seed: 1);
    private readonly PlainUp768x3072 _plain = new();
    private readonly Gelu3072 _gelu = new();
    private float[] _input = [];
    private float[] _output = [];
    private CpuExecutionOptions _options = CpuExecutionOptions.Default;

    /// <summary>M×K×N: the batch's rows, and the layer's 768 → 3072.</summary>
    [Params("1×768×3072", "64×768×3072", "1024×768×3072")]
    public string Shape { get; set; } = string.Empty;

    /// <summary>The threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Draws the input, copies the parameters and checks that both ways give the same bits.</summary>
    [GlobalSetup]
    public void Setup()
    {
        int rows = MatMulShape.Parse(Shape).M;
        _input = new float[rows * 768];
        new PhiloxRandom(seed: 5).Fill(_input, -2f, 2f);
        _output = new float[rows * 3072];
        _options = new CpuExecutionOptions { MaxDegreeOfParallelism = Threads };
        _plain.SetParameters(_fused.Weight, _fused.Bias);

        Fused();
        float[] fused = (float[])_output.Clone();
        Unfused();
        if (!fused.AsSpan().SequenceEqual(_output))
        {
            throw new InvalidOperationException("The fused layer's bits differ from the Linear then the GELU layer.");
        }
    }

    /// <summary>One layer: the GELU on each tile just stored.</summary>
    [Benchmark]
    public void Fused() => _fused.Forward(_input, _output, _options);

    /// <summary>The Linear, then the GELU layer in place.</summary>
    [Benchmark(Baseline = true)]
    public void Unfused()
    {
        _plain.Forward(_input, _output, _options);
        _gelu.Forward(_output, _output, _options);
    }
}

/// <summary>The residual block's expansion with its GELU fused.</summary>
[Linear(768, 3072, Activation = ActivationFunction.Gelu)]
public sealed partial class FusedUp768x3072;

/// <summary>The same expansion without an activation.</summary>
[Linear(768, 3072)]
public sealed partial class PlainUp768x3072;

/// <summary>The GELU of the unfused pair.</summary>
[Activation(ActivationFunction.Gelu, 3072)]
public sealed partial class Gelu3072;
