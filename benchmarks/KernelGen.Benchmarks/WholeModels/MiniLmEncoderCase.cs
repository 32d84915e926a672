using System;

namespace KernelGen.Benchmarks;

/// <summary>Which keys the encoder's batch attends to.</summary>
public enum EncoderMask
{
    /// <summary>Every sentence fills all 128 positions: the attention mask is all ones.</summary>
    AllOnes,

    /// <summary>Sentences of 16 to 128 tokens (Philox), padded to 128 with id 0 and masked.</summary>
    Padded,
}

/// <summary>
/// The MiniLM-shaped encoder on 32 sentences × 128 tokens of random ids, weights from Philox seed 384, against the
/// same graph in ONNX Runtime (KernelGen gets the valid lengths, ONNX Runtime the equivalent additive mask).
/// </summary>
internal sealed class MiniLmEncoderCase : ComparisonCase
{
    public const int Batch = 32, Sequence = 128;
    public const ulong WeightSeed = 384, InputSeed = 11;

    // Post-LayerNorm outputs are of order 1; the two summation orders differ by up to 8.6e-6 (measured).
    private const float Tolerance = 1e-3f;

    private static readonly Lazy<MiniLmEncoder> SharedModel = new(() => new MiniLmEncoder(WeightSeed));
    private static readonly Lazy<byte[]> SharedOnnx = new(() => OnnxMiniLmEncoder.Create(SharedModel.Value, Batch, Sequence));

    private readonly int _threads;
    private readonly EncoderMask _mask;
    private readonly bool _fused;
    private readonly int[] _ids = new int[Batch * Sequence];
    private readonly int[] _validLengths = new int[Batch];
    private readonly CpuExecutionOptions _options;

    /// <param name="threads">KernelGen's <c>MaxDegreeOfParallelism</c> and ONNX Runtime's <c>IntraOpNumThreads</c>.</param>
    /// <param name="mask">Whether sentences are padded.</param>
    /// <param name="onnxProfilePrefix">When set, ONNX Runtime profiles every node into a JSON file of this prefix.</param>
    /// <param name="fused">Whether KernelGen runs the fused layers (the default) or the unfused chain (same bits).</param>
    public MiniLmEncoderCase(int threads, EncoderMask mask, string? onnxProfilePrefix = null, bool fused = true)
        : base(new OnnxRunner(SharedOnnx.Value, threads, onnxProfilePrefix), Tolerance)
    {
        _threads = threads;
        _mask = mask;
        _fused = fused;
        _options = new CpuExecutionOptions { MaxDegreeOfParallelism = threads };
        var random = new PhiloxRandom(InputSeed);
        for (int b = 0; b < Batch; b++)
        {
            _validLengths[b] = mask == EncoderMask.Padded ? random.Next(16, Sequence + 1) : Sequence;
            for (int t = 0; t < _validLengths[b]; t++)
            {
                _ids[(b * Sequence) + t] = random.Next(1, MiniLmEncoder.Vocabulary); // padding positions keep id 0
            }
        }

        Onnx.Input("input_ids", Array.ConvertAll(_ids, id => (long)id))
            .Input("attention_bias", OnnxMiniLmEncoder.AttentionBias(_validLengths, Sequence));
    }

    public override string Name => $"MiniLM encoder {Batch}x{Sequence}, mask {_mask}, {_threads} thread(s)";

    protected override ReadOnlySpan<float> ForwardKernelGen()
    {
        SharedModel.Value.Fused = _fused;
        return SharedModel.Value.Forward(_ids, Batch, Sequence, _validLengths, _options, Clock);
    }
}
