using System;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace KernelGen.Benchmarks;

/// <summary>
/// A generated KernelGen Linear (no bias) against ONNX Runtime's CPU MatMul (MLAS) on the same data,
/// with the same thread count: KernelGen's <c>MaxDegreeOfParallelism</c> and ONNX Runtime's
/// <c>IntraOpNumThreads</c>. Both pack their weight once, outside the measurement.
/// </summary>
public abstract class LinearBenchmarkBase
{
    private MatMulData _data = null!;
    private LinearLayer _layer = null!;
    private CpuExecutionOptions _options = null!;
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private OrtValue _onnxInput = null!;
    private OrtValue _onnxOutput = null!;
    private float[] _onnxResult = null!;

    /// <summary>The shape, <c>M×K×N</c>.</summary>
    public abstract string Shape { get; set; }

    /// <summary>Threads for both implementations.</summary>
    public abstract int Threads { get; set; }

    /// <summary>Builds the layer and the ONNX session, and checks that they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        MatMulShape shape = MatMulShape.Parse(Shape);
        _data = new MatMulData(shape);
        _layer = shape.CreateLayer();
        _layer.SetParameters(_data.Weight, []);
        _options = new CpuExecutionOptions { MaxDegreeOfParallelism = Threads };

        _session = OnnxMatMulModel.OpenSession(OnnxMatMulModel.Create(shape.M, shape.K, shape.N, _data.TransposedWeight()), Threads);
        _runOptions = new RunOptions();
        _onnxResult = new float[shape.M * shape.N];
        _onnxInput = OrtValue.CreateTensorValueFromMemory(_data.Input, [shape.M, shape.K]);
        _onnxOutput = OrtValue.CreateTensorValueFromMemory(_onnxResult, [shape.M, shape.N]);

        KernelGen();
        OnnxRuntime();
        ProductAgreement.Check(_data.Output, _onnxResult, Shape);
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

    /// <summary>The generated kernel: fixed FMA order, bit-reproducible.</summary>
    [Benchmark]
    public void KernelGen() => _layer.Forward(_data.Input, _data.Output, _options);

    /// <summary>ONNX Runtime's MatMul: MLAS SGEMM with a prepacked B.</summary>
    [Benchmark(Baseline = true)]
    public void OnnxRuntime() =>
        _session.Run(_runOptions, ["A"], [_onnxInput], ["Y"], [_onnxOutput]);
}
