using System;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using KernelGen.Models.MiniLM;

namespace KernelGen.Benchmarks;

/// <summary>
/// The published all-MiniLM-L6-v2 with its real weights, 32 sentences × 128 tokens: samples/SentenceEmbeddings'
/// module (compiled in from the sample) against ONNX Runtime's CPU provider running the same model.onnx, 1 and
/// 2 threads. Every position is real (attention mask all ones); token ids are Philox draws from the vocabulary.
/// </summary>
[Config(typeof(WholeModelCpuConfig))]
public class RealMiniLmBenchmarks
{
    private const int Batch = 32, Sequence = 128;

    // The sample's scenario bounds its own parity at 5e-5 over a real corpus; random ids stay well inside it.
    private const float Tolerance = 5e-5f;

    private MiniLm _model = null!;
    private CpuExecutionOptions _options = null!;
    private InferenceSession _session = null!;
    private RunOptions _run = null!;
    private OrtValue[] _inputs = null!;
    private OrtValue[] _outputs = null!;
    private float[] _onnxHidden = null!;
    private int[] _ids = null!;
    private int[] _valid = null!;

    /// <summary>KernelGen's <c>MaxDegreeOfParallelism</c> and ONNX Runtime's <c>IntraOpNumThreads</c>.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Loads the model into both, binds the inputs and checks that the two agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        byte[] bytes = PackagedMiniLm.ReadModel();
        _model = MiniLm.Load(OnnxFile.FromMemory(bytes));
        _options = new CpuExecutionOptions { MaxDegreeOfParallelism = Threads };
        var random = new PhiloxRandom(seed: 2026, stream: 1);
        _ids = new int[Batch * Sequence];
        for (int i = 0; i < _ids.Length; i++)
        {
            _ids[i] = random.Next(1000, MiniLm.Vocabulary);
        }

        _valid = new int[Batch];
        Array.Fill(_valid, Sequence);
        long[] ids = Array.ConvertAll(_ids, id => (long)id), mask = new long[_ids.Length], types = new long[_ids.Length];
        Array.Fill(mask, 1L);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(bytes, options);
        _run = new RunOptions();
        long[] shape = [Batch, Sequence];
        _inputs = [OrtValue.CreateTensorValueFromMemory(ids, shape), OrtValue.CreateTensorValueFromMemory(mask, shape), OrtValue.CreateTensorValueFromMemory(types, shape)];
        _onnxHidden = new float[_ids.Length * MiniLm.Width];
        _outputs = [OrtValue.CreateTensorValueFromMemory(_onnxHidden, [Batch, Sequence, MiniLm.Width])];

        float[] ours = _model.Encode(_ids, Batch, Sequence, _valid, _options);
        OnnxRuntime();
        float largest = 0f;
        for (int i = 0; i < ours.Length; i++)
        {
            largest = MathF.Max(largest, MathF.Abs(ours[i] - _onnxHidden[i]));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// all-MiniLM-L6-v2, {Threads} threads: max |KernelGen - ONNX Runtime| = {largest:G3} over {ours.Length} values (tolerance {Tolerance:G3})"));
        if (!(largest <= Tolerance))
        {
            throw new InvalidOperationException($"KernelGen and ONNX Runtime differ by up to {largest}: the benchmark is not comparing the same computation.");
        }
    }

    /// <summary>Releases the session and its bound values.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (OrtValue value in _inputs)
        {
            value.Dispose();
        }

        _outputs[0].Dispose();
        _run.Dispose();
        _session.Dispose();
    }

    /// <summary>The sample's module on the CPU: bit-reproducible whatever the batch, padding and threads.</summary>
    [Benchmark]
    public void KernelGen()
    {
        using Tensor hidden = _model.Forward(_ids, Batch, Sequence, _valid, _options);
    }

    /// <summary>The same model.onnx in ONNX Runtime's CPU provider.</summary>
    [Benchmark(Baseline = true)]
    public void OnnxRuntime() =>
        _session.Run(_run, ["input_ids", "attention_mask", "token_type_ids"], _inputs, ["last_hidden_state"], _outputs);
}
