using System;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace KernelGen.Benchmarks;

/// <summary>
/// The exact tier's Linear (KG-Exact-1: int16-digit products in integer SIMD, one rounding per output) against the
/// Bitwise tier's generated Linear (one FMA chain per output) and ONNX Runtime's MatMul (MLAS), on one thread, on the
/// same data. The GFLOP/s columns count the fp32 product's 2·M·K·N operations for all three.
/// </summary>
[Config(typeof(ShortCpuConfig))]
public class ExactLinearBenchmarks
{
    private MatMulData _data = null!;
    private LinearLayer _exact = null!;
    private LinearLayer _bitwise = null!;
    private float[] _exactOutput = null!;
    private CpuExecutionOptions _options = null!;
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private OrtValue _onnxInput = null!;
    private OrtValue _onnxOutput = null!;
    private float[] _onnxResult = null!;

    /// <summary>The shape, <c>M×K×N</c>.</summary>
    [Params("1024×768×768", "1024×4096×4096")]
    public string Shape { get; set; } = string.Empty;

    /// <summary>Threads for every implementation.</summary>
    [Params(1)]
    public int Threads { get; set; }

    /// <summary>Builds both layers (the exact weight sliced once, outside the measurement) and the ONNX session.</summary>
    [GlobalSetup]
    public void Setup()
    {
        MatMulShape shape = MatMulShape.Parse(Shape);
        _data = new MatMulData(shape);
        _bitwise = shape.CreateLayer();
        _bitwise.SetParameters(_data.Weight, []);
        _exact = (shape.K, shape.N) switch
        {
            (768, 768) => new ExactLinear768x768(),
            (4096, 4096) => new ExactLinear4096x4096(),
            _ => throw new NotSupportedException($"No exact layer for K = {shape.K}, N = {shape.N}."),
        };
        _exact.SetParameters(_data.Weight, []);
        _exactOutput = new float[shape.M * shape.N];
        _options = new CpuExecutionOptions { MaxDegreeOfParallelism = Threads };

        _session = OnnxMatMulModel.OpenSession(OnnxMatMulModel.Create(shape.M, shape.K, shape.N, _data.TransposedWeight()), Threads);
        _runOptions = new RunOptions();
        _onnxResult = new float[shape.M * shape.N];
        _onnxInput = OrtValue.CreateTensorValueFromMemory(_data.Input, [shape.M, shape.K]);
        _onnxOutput = OrtValue.CreateTensorValueFromMemory(_onnxResult, [shape.M, shape.N]);

        Exact();
        Bitwise();
        OnnxRuntime();
        ProductAgreement.Check(_data.Output, _onnxResult, Shape);
        ProductAgreement.Check(_exactOutput, _onnxResult, Shape);
    }

    /// <summary>Releases the ONNX Runtime objects.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _onnxInput.Dispose();
        _onnxOutput.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>KG-Exact-1: each input row quantized and sliced, ten int16 slice-pair products per output, one rounding.</summary>
    [Benchmark]
    public void Exact() => _exact.Forward(_data.Input, _exactOutput, _options);

    /// <summary>KG-Bitwise-1: the generated FMA-chain kernels.</summary>
    [Benchmark]
    public void Bitwise() => _bitwise.Forward(_data.Input, _data.Output, _options);

    /// <summary>ONNX Runtime's MatMul: MLAS SGEMM with a prepacked B.</summary>
    [Benchmark(Baseline = true)]
    public void OnnxRuntime() =>
        _session.Run(_runOptions, ["A"], [_onnxInput], ["Y"], [_onnxOutput]);
}
