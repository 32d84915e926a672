using System;
using System.Linq;

namespace KernelGen.Benchmarks;

/// <summary>A row layer of the two models, on the shape it runs on there.</summary>
public enum RowOp
{
    /// <summary>GELU (erf) over the stack's 1024 × 768 activations.</summary>
    Gelu1024x768,

    /// <summary>LayerNorm over the stack's 1024 × 768 activations, random weight and bias.</summary>
    LayerNorm1024x768,

    /// <summary>Softmax over the encoder's attention scores, 32 × 12 × 128 rows of 128.</summary>
    Softmax32x12x128x128,

    /// <summary>The stack's residual add, 1024 × 768.</summary>
    Add1024x768,
}

/// <summary>Attention-score rows of 128 keys, the encoder's softmax shape.</summary>
[Softmax(128)]
public sealed partial class ScoreSoftmax;

/// <summary>One row layer, KernelGen's generated kernel against a one-node ONNX Runtime graph, on the same data.</summary>
internal sealed class RowOpCase : ComparisonCase
{
    private const float Tolerance = 1e-4f;

    private readonly RowOp _op;
    private readonly float[] _x, _r, _y;
    private readonly Action _kernelGen;

    public RowOpCase(RowOp op, int threads)
        : this(op, threads, Dims(op))
    {
    }

    private RowOpCase(RowOp op, int threads, long[] dims)
        : base(new OnnxRunner(OnnxModel(op, dims, out RowLayer? layer), threads), Tolerance)
    {
        _op = op;
        int count = checked((int)dims.Aggregate(1L, (product, extent) => product * extent));
        _x = new float[count];
        _r = new float[count];
        _y = new float[count];
        new PhiloxRandom(seed: 42, stream: 0).FillNormal(_x, 0f, op == RowOp.Softmax32x12x128x128 ? 3f : 1f);
        new PhiloxRandom(seed: 42, stream: 1).FillNormal(_r, 0f, 1f);
        var options = new CpuExecutionOptions { MaxDegreeOfParallelism = threads };
        _kernelGen = layer is null ? () => Elementwise.Add(_x, _r, _y) : () => layer.Forward(_x, _y, options);
        Onnx.Input("x", _x);
        if (op == RowOp.Add1024x768)
        {
            Onnx.Input("r", _r);
        }
    }

    public override string Name => _op.ToString();

    protected override ReadOnlySpan<float> ForwardKernelGen()
    {
        _kernelGen();
        return _y;
    }

    private static long[] Dims(RowOp op) => op == RowOp.Softmax32x12x128x128 ? [32, 12, 128, 128] : [1024, 768];

    /// <summary>The one-node graph, and KernelGen's layer for it (none for the add, which is <see cref="Elementwise.Add"/>).</summary>
    private static byte[] OnnxModel(RowOp op, long[] dims, out RowLayer? layer)
    {
        switch (op)
        {
            case RowOp.Gelu1024x768:
                layer = new StackGelu();
                return OnnxRowOps.Gelu(dims);
            case RowOp.LayerNorm1024x768:
                var norm = new StackNorm();
                var weight = new float[norm.Features];
                var bias = new float[norm.Features];
                new PhiloxRandom(seed: 42, stream: 2).FillNormal(weight, 1f, 0.1f);
                new PhiloxRandom(seed: 42, stream: 3).FillNormal(bias, 0f, 0.1f);
                norm.SetParameters(weight, bias);
                layer = norm;
                return OnnxRowOps.LayerNorm(norm, dims);
            case RowOp.Softmax32x12x128x128:
                layer = new ScoreSoftmax();
                return OnnxRowOps.Softmax(dims);
            default:
                layer = null;
                return OnnxRowOps.Add(dims);
        }
    }
}
