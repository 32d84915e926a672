using System;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace KernelGen.Benchmarks;

/// <summary>
/// A generated <c>[MatMul]</c> (a batch of products of activations: both operands change every call, so
/// neither side can pack B ahead) against ONNX Runtime's batched <c>MatMul</c> with both operands as
/// inputs, on the same data and thread count.
/// </summary>
[Config(typeof(ShortCpuConfig))]
public class MatMulBenchmarks
{
    private MatMulShape _shape;
    private MatMulLayer _layer = null!;
    private float[] _a = null!, _b = null!, _c = null!, _onnxResult = null!;
    private CpuExecutionOptions _options = null!;
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private OrtValue _onnxA = null!, _onnxB = null!, _onnxOutput = null!;

    /// <summary>The shape, <c>Batch×m×K×N</c>: 48 heads of attention scores, and one 1024-row product of width 768.</summary>
    [Params("48×128×64×128", "1×1024×768×768")]
    public string Shape { get; set; } = string.Empty;

    /// <summary>Threads for both implementations.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the layer and the ONNX session, and checks that they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _shape = MatMulShape.Parse(Shape);
        int batch = _shape.Batch, m = _shape.RowsPerProduct, k = _shape.K, n = _shape.N;
        _layer = (k, n) switch
        {
            (64, 128) => new Scores64x128(),
            (768, 768) => new Product768x768(),
            _ => throw new NotSupportedException($"No generated [MatMul] for K = {k}, N = {n}; declare one in Layers.cs."),
        };
        _a = new float[batch * m * k];
        _b = new float[batch * k * n];
        _c = new float[batch * m * n];
        _onnxResult = new float[_c.Length];
        new PhiloxRandom(seed: 42, stream: 0).Fill(_a, -1f, 1f);
        new PhiloxRandom(seed: 42, stream: 1).Fill(_b, -0.05f, 0.05f);
        _options = new CpuExecutionOptions { MaxDegreeOfParallelism = Threads };

        _session = OnnxMatMulModel.OpenSession(OnnxMatMulModel.CreateBatched(batch, m, k, n), Threads);
        _runOptions = new RunOptions();
        _onnxA = OrtValue.CreateTensorValueFromMemory(_a, [batch, m, k]);
        _onnxB = OrtValue.CreateTensorValueFromMemory(_b, [batch, k, n]);
        _onnxOutput = OrtValue.CreateTensorValueFromMemory(_onnxResult, [batch, m, n]);

        KernelGen();
        OnnxRuntime();
        ProductAgreement.Check(_c, _onnxResult, Shape);
    }

    /// <summary>Releases the ONNX Runtime objects.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _onnxA.Dispose();
        _onnxB.Dispose();
        _onnxOutput.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>The generated product: one FMA chain per output, bit-reproducible.</summary>
    [Benchmark]
    public void KernelGen() => _layer.Forward(_a, _b, _c, _shape.Batch, _shape.RowsPerProduct, _options);

    /// <summary>ONNX Runtime's batched MatMul (MLAS), B packed on every call.</summary>
    [Benchmark(Baseline = true)]
    public void OnnxRuntime() =>
        _session.Run(_runOptions, ["A", "B"], [_onnxA, _onnxB], ["Y"], [_onnxOutput]);
}
