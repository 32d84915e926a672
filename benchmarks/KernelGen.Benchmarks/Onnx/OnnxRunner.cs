using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace KernelGen.Benchmarks;

/// <summary>
/// An ONNX Runtime session bound to fixed memory: inputs and the single output are pinned arrays, so a
/// <see cref="Run"/> allocates nothing and writes its result into <see cref="Output"/>.
/// </summary>
internal sealed class OnnxRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly List<string> _inputNames = [];
    private readonly List<OrtValue> _inputs = [];
    private readonly string[] _outputNames;
    private readonly OrtValue[] _outputs;

    /// <summary>Opens <paramref name="model"/> on <paramref name="threads"/> intra-op threads; see <see cref="OnnxMatMulModel.OpenSession"/>.</summary>
    public OnnxRunner(byte[] model, int threads, string? profilePrefix = null)
    {
        _session = OnnxMatMulModel.OpenSession(model, threads, profilePrefix);
        NodeMetadata output = _session.OutputMetadata.Values.Single();
        Output = new float[output.Dimensions.Aggregate(1, (product, extent) => product * extent)];
        _outputNames = [_session.OutputMetadata.Keys.Single()];
        _outputs = [OrtValue.CreateTensorValueFromMemory(Output, Array.ConvertAll(output.Dimensions, extent => (long)extent))];
    }

    /// <summary>The last run's output.</summary>
    public float[] Output { get; }

    /// <summary>Binds the input <paramref name="name"/> to <paramref name="values"/> (kept pinned; later changes to it reach the next run).</summary>
    public OnnxRunner Input<T>(string name, T[] values)
        where T : unmanaged
    {
        int[] dims = _session.InputMetadata[name].Dimensions;
        _inputNames.Add(name);
        _inputs.Add(OrtValue.CreateTensorValueFromMemory(values, Array.ConvertAll(dims, extent => (long)extent)));
        return this;
    }

    public void Run() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    /// <summary>Stops profiling and returns the JSON file ONNX Runtime wrote.</summary>
    public string EndProfiling() => _session.EndProfiling();

    public void Dispose()
    {
        _inputs.ForEach(input => input.Dispose());
        Array.ForEach(_outputs, output => output.Dispose());
        _runOptions.Dispose();
        _session.Dispose();
    }
}
