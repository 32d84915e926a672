using System;
using System.Collections.Concurrent;

namespace KernelGen.Benchmarks;

/// <summary>
/// The 20-block residual stack on one 1 × 1024 × 768 input (N(0, 1), Philox seed 7), weights from Philox seed 2024
/// (the sample's), against the same graph in ONNX Runtime. Each KernelGen run starts from a fresh copy of the input.
/// </summary>
/// <param name="threads">KernelGen's <c>MaxDegreeOfParallelism</c> and ONNX Runtime's <c>IntraOpNumThreads</c>.</param>
/// <param name="onnxProfilePrefix">When set, ONNX Runtime profiles every node into a JSON file of this prefix.</param>
/// <param name="fused">Whether KernelGen runs the fused layers (the default) or the unfused chain (same bits).</param>
/// <param name="weightStd">The Linear weights' standard deviation (<see cref="ResidualStack.WeightStd"/> unless given).</param>
internal sealed class ResidualStackCase(int threads, string? onnxProfilePrefix = null, bool fused = true, float weightStd = ResidualStack.WeightStd)
    : ComparisonCase(new OnnxRunner(Shared(weightStd).Onnx, threads, onnxProfilePrefix).Input("x", SharedInput.Value), Tolerance)
{
    public const int Rows = 1024;
    public const ulong WeightSeed = 2024, InputSeed = 7;

    // Outputs reach |x| ≈ 10 after 20 blocks; the two summation orders differ by up to 2.8e-5 (measured).
    private const float Tolerance = 1e-3f;

    private static readonly ConcurrentDictionary<float, Lazy<(ResidualStack Model, byte[] Onnx)>> SharedModels = new();
    private static readonly Lazy<float[]> SharedInput = new(() =>
    {
        var input = new float[Rows * ResidualStack.Width];
        new PhiloxRandom(InputSeed).FillNormal(input, 0f, 1f);
        return input;
    });

    private readonly ResidualStack _model = Shared(weightStd).Model;
    private readonly float[] _x = new float[Rows * ResidualStack.Width];
    private readonly CpuExecutionOptions _options = new() { MaxDegreeOfParallelism = threads };

    public override string Name => $"residual stack 1x{Rows}x{ResidualStack.Width}, weights N(0, {weightStd}), {threads} thread(s)";

    protected override ReadOnlySpan<float> ForwardKernelGen()
    {
        SharedInput.Value.CopyTo(_x);
        _model.Fused = fused;
        _model.Forward(_x, _options, Clock);
        return _x;
    }

    /// <summary>The model of one weight scale and its ONNX graph, built once per process.</summary>
    private static (ResidualStack Model, byte[] Onnx) Shared(float weightStd) =>
        SharedModels.GetOrAdd(weightStd, std => new(() =>
        {
            var model = new ResidualStack(WeightSeed, std);
            return (model, OnnxResidualStack.Create(model, Rows));
        })).Value;
}
