using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;

namespace KernelGen.Generated;

/// <summary>
/// The arithmetic of <see cref="BatchNormLayer"/>, once for the CPU and once for GPU kernels, step for
/// step the same operations (docs/layers/batchnorm.md). The layer's state is one array of 6·C floats:
/// weight, bias, running mean, running variance, and the last batch's mean and biased variance.
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormKernels
{
    /// <summary>Offsets of the state's parts, in units of C.</summary>
    public const int Weight = 0, Bias = 1, RunningMean = 2, RunningVar = 3, BatchMean = 4, BatchVar = 5, StateParts = 6;

    /// <summary>One normalized value: <c>fma((x − mean) · rsqrt(var + ε), weight, bias)</c>, or <c>(x − mean) · r</c> without affine.</summary>
    public static float Normalize<TMath>(float x, float mean, float variance, float weight, float bias, float epsilon, bool affine)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        float r = DetMath.Rsqrt<TMath>(math.Add(variance, epsilon));
        float normalized = math.Mul(math.Add(x, -mean), r);
        return DetMath.CanonicalizeNaN(affine ? math.Fma(normalized, weight, bias) : normalized);
    }

    /// <summary>A running statistic's update: <c>fma(momentum, batch, (1 − momentum) · running)</c>, each step rounded.</summary>
    public static float Update<TMath>(float running, float batch, float momentum)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        float keep = math.Add(1f, -momentum);
        return math.Fma(momentum, batch, math.Mul(keep, running));
    }

    /// <summary>The CPU twin of <see cref="Normalize{TMath}"/> (with <see cref="DetMath.Fma(float, float, float)"/>, exact without a hardware FMA too).</summary>
    public static float Normalize(float x, float mean, float variance, float weight, float bias, float epsilon, bool affine)
    {
        float r = DetMath.Rsqrt(variance + epsilon);
        float normalized = (x - mean) * r;
        return DetMath.CanonicalizeNaN(affine ? DetMath.Fma(normalized, weight, bias) : normalized);
    }

    /// <summary>The CPU twin of <see cref="Update{TMath}"/>.</summary>
    public static float Update(float running, float batch, float momentum)
    {
        float keep = 1f - momentum;
        return DetMath.Fma(momentum, batch, keep * running);
    }

    /// <summary>The GPU element kernel: normalizes element <paramref name="index"/> with the running (inference) or batch (training) statistics.</summary>
    /// <typeparam name="TMath">The kernel's arithmetic.</typeparam>
    /// <param name="index">The element, in (N, C, S) order.</param>
    /// <param name="input">The input.</param>
    /// <param name="output">The output; may be <paramref name="input"/>.</param>
    /// <param name="state">The 6·C state.</param>
    /// <param name="spatial">S: the values per (sample, channel).</param>
    /// <param name="training">1 to use the batch statistics, 0 for the running ones.</param>
    /// <param name="channels">The declared C.</param>
    /// <param name="epsilon">The declared ε.</param>
    /// <param name="affine">Whether weight and bias apply.</param>
    public static void NormalizeElement<TMath>(Index1D index, ArrayView<float> input, ArrayView<float> output, ArrayView<float> state, int spatial, int training, int channels, float epsilon, bool affine)
        where TMath : struct, IKernelMath
    {
        int c = (int)index / spatial % channels;
        int meanPart = training != 0 ? BatchMean : RunningMean;
        output[index] = Normalize<TMath>(
            input[index], state[(meanPart * channels) + c], state[((meanPart + 1) * channels) + c], state[c], state[channels + c], epsilon, affine);
    }

    /// <summary>
    /// The GPU statistics kernel, one group of 32 threads per channel <c>Grid.IdxX</c>: the channel's
    /// n = batch·spatial values, value e = (sample e / S, position e mod S) in lane e mod 32; mean and
    /// biased variance into the batch part of the state, running statistics updated.
    /// </summary>
    public static void GroupStatistics<TMath>(ArrayView<float> input, ArrayView<float> state, ArrayView<float> scratch, int batch, int spatial, int channels, float momentum)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        int c = Grid.IdxX;
        int lane = Group.IdxX;
        int count = batch * spatial;
        float sum = -0f;
        for (int e = lane; e < count; e += CanonicalReduction.Lanes)
        {
            sum = math.Add(sum, input[Element(e, c, spatial, channels)]);
        }

        float mean = GroupReduction.Sum<TMath>(sum, scratch) / count;
        float squares = -0f;
        for (int e = lane; e < count; e += CanonicalReduction.Lanes)
        {
            float d = math.Add(input[Element(e, c, spatial, channels)], -mean);
            squares = math.Fma(d, d, squares);
        }

        float sumOfSquares = GroupReduction.Sum<TMath>(squares, scratch);
        if (lane == 0)
        {
            state[(BatchMean * channels) + c] = mean;
            state[(BatchVar * channels) + c] = sumOfSquares / count;
            state[(RunningMean * channels) + c] = Update<TMath>(state[(RunningMean * channels) + c], mean, momentum);
            state[(RunningVar * channels) + c] = Update<TMath>(state[(RunningVar * channels) + c], sumOfSquares / (count - 1), momentum);
        }
    }

    /// <summary>The CPU twin of <see cref="GroupStatistics{TMath}"/> for channel <paramref name="c"/> (the scalar reference).</summary>
    public static void Statistics(ReadOnlySpan<float> input, Span<float> state, int c, int batch, int spatial, int channels, float momentum)
    {
        int count = batch * spatial;
        CanonicalReduction.LanePartials partials = CanonicalReduction.LanePartials.Empty;
        for (int e = 0; e < count; e++)
        {
            partials[e % CanonicalReduction.Lanes] += input[(int)Element(e, c, spatial, channels)];
        }

        float mean = CanonicalReduction.Tree(ref partials) / count;
        CanonicalReduction.LanePartials squares = CanonicalReduction.LanePartials.Empty;
        for (int e = 0; e < count; e++)
        {
            float d = input[(int)Element(e, c, spatial, channels)] - mean;
            squares[e % CanonicalReduction.Lanes] = DetMath.Fma(d, d, squares[e % CanonicalReduction.Lanes]);
        }

        StoreStatistics(state, c, channels, count, mean, CanonicalReduction.Tree(ref squares), momentum);
    }

    /// <summary>
    /// <see cref="Statistics(ReadOnlySpan{float}, Span{float}, int, int, int, int, float)"/> for every channel on
    /// <paramref name="path"/>: on a vector path each channel's N·S values are first copied in their order
    /// (value e at position e), so that the canonical reduction runs on contiguous memory; same bits.
    /// </summary>
    internal static void Statistics(SimdPath path, ReadOnlySpan<float> input, Span<float> state, int batch, int spatial, int channels, float momentum)
    {
        if (path is not (SimdPath.Vector512 or SimdPath.Vector256 or SimdPath.Vector128))
        {
            for (int c = 0; c < channels; c++)
            {
                Statistics(input, state, c, batch, spatial, channels, momentum);
            }

            return;
        }

        int count = batch * spatial;
        float[] rented = ArrayPool<float>.Shared.Rent(count);
        try
        {
            Span<float> values = rented.AsSpan(0, count);
            for (int c = 0; c < channels; c++)
            {
                for (int n = 0; n < batch; n++)
                {
                    input.Slice(((n * channels) + c) * spatial, spatial).CopyTo(values.Slice(n * spatial, spatial));
                }

                float mean = Sum(path, values) / count;
                StoreStatistics(state, c, channels, count, mean, SumOfSquaredDeviations(path, values, mean), momentum);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Normalizes an <c>(N, C, S)</c> input with per-channel statistics on the CPU: each value as
    /// <see cref="Normalize(float, float, float, float, float, float, bool)"/>, with <c>r = rsqrt(var + ε)</c>
    /// computed once per channel (the same bits). With S = 1 the vectors run over channels, else over positions.
    /// </summary>
    internal static void NormalizeAll(
        SimdPath path, ReadOnlySpan<float> input, Span<float> output, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, float epsilon, bool affine, int spatial)
    {
        int channels = mean.Length;
        float[] rented = ArrayPool<float>.Shared.Rent(channels);
        try
        {
            Span<float> scale = rented.AsSpan(0, channels);
            for (int c = 0; c < channels; c++)
            {
                scale[c] = DetMath.Rsqrt(variance[c] + epsilon);
            }

            var channelStatistics = new ChannelStatistics(mean, scale, weight, bias, affine);
            switch (path)
            {
                case SimdPath.Vector512:
                    channelStatistics.Normalize<Vector512Lanes>(input, output, spatial);
                    break;
                case SimdPath.Vector256:
                    channelStatistics.Normalize<Vector256Lanes>(input, output, spatial);
                    break;
                case SimdPath.Vector128:
                    channelStatistics.Normalize<Vector128Lanes>(input, output, spatial);
                    break;
                default:
                    for (int i = 0; i < input.Length; i++)
                    {
                        output[i] = channelStatistics.Normalize(input[i], i / spatial % channels);
                    }

                    break;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>The index of the channel's value <paramref name="e"/> (sample e / S, position e mod S) in an (N, C, S) input.</summary>
    public static long Element(int e, int c, int spatial, int channels) => ((((long)(e / spatial) * channels) + c) * spatial) + (e % spatial);

    private static float Sum(SimdPath path, ReadOnlySpan<float> values) => path switch
    {
        SimdPath.Vector512 => LaneReduction.Sum<LaneBlock512>(values),
        SimdPath.Vector256 => LaneReduction.Sum<LaneBlock256>(values),
        _ => LaneReduction.Sum<LaneBlock128>(values),
    };

    private static float SumOfSquaredDeviations(SimdPath path, ReadOnlySpan<float> values, float mean) => path switch
    {
        SimdPath.Vector512 => LaneReduction.SumOfSquaredDeviations<LaneBlock512>(values, mean),
        SimdPath.Vector256 => LaneReduction.SumOfSquaredDeviations<LaneBlock256>(values, mean),
        _ => LaneReduction.SumOfSquaredDeviations<LaneBlock128>(values, mean),
    };

    /// <summary>The batch statistics of channel c into the state, and the running statistics updated (unbiased variance).</summary>
    private static void StoreStatistics(Span<float> state, int c, int channels, int count, float mean, float sumOfSquares, float momentum)
    {
        state[(BatchMean * channels) + c] = mean;
        state[(BatchVar * channels) + c] = sumOfSquares / count;
        state[(RunningMean * channels) + c] = Update(state[(RunningMean * channels) + c], mean, momentum);
        state[(RunningVar * channels) + c] = Update(state[(RunningVar * channels) + c], sumOfSquares / (count - 1), momentum);
    }

    /// <summary>Per-channel mean, scale <c>r</c>, weight and bias: <c>y = fma((x − mean) · r, w, b)</c>, or <c>(x − mean) · r</c>.</summary>
    private readonly ref struct ChannelStatistics(ReadOnlySpan<float> mean, ReadOnlySpan<float> scale, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, bool affine)
    {
        private readonly ReadOnlySpan<float> _mean = mean;
        private readonly ReadOnlySpan<float> _scale = scale;
        private readonly ReadOnlySpan<float> _weight = weight;
        private readonly ReadOnlySpan<float> _bias = bias;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Normalize(float x, int c)
        {
            float normalized = (x - _mean[c]) * _scale[c];
            return DetMath.CanonicalizeNaN(affine ? DetMath.Fma(normalized, _weight[c], _bias[c]) : normalized);
        }

        public void Normalize<TLanes>(ReadOnlySpan<float> input, Span<float> output, int spatial)
            where TLanes : struct, IFloatLanes<TLanes>
        {
            int channels = _mean.Length;
            if (spatial == 1)
            {
                for (int start = 0; start < input.Length; start += channels)
                {
                    Samples<TLanes>(input.Slice(start, channels), output.Slice(start, channels));
                }

                return;
            }

            for (int segment = 0; segment * spatial < input.Length; segment++)
            {
                Positions<TLanes>(input.Slice(segment * spatial, spatial), output.Slice(segment * spatial, spatial), segment % channels);
            }
        }

        /// <summary>One sample of an (N, C) input: lanes over channels.</summary>
        private void Samples<TLanes>(ReadOnlySpan<float> x, Span<float> y)
            where TLanes : struct, IFloatLanes<TLanes>
        {
            ref float x0 = ref MemoryMarshal.GetReference(x);
            ref float y0 = ref MemoryMarshal.GetReference(y);
            ref float mean0 = ref MemoryMarshal.GetReference(_mean);
            ref float scale0 = ref MemoryMarshal.GetReference(_scale);
            ref float weight0 = ref MemoryMarshal.GetReference(_weight);
            ref float bias0 = ref MemoryMarshal.GetReference(_bias);
            int c = 0;
            for (; c <= x.Length - TLanes.Count; c += TLanes.Count)
            {
                TLanes normalized = (TLanes.Load(ref Unsafe.Add(ref x0, c)) - TLanes.Load(ref Unsafe.Add(ref mean0, c))) * TLanes.Load(ref Unsafe.Add(ref scale0, c));
                TLanes result = affine ? TLanes.Fma(normalized, TLanes.Load(ref Unsafe.Add(ref weight0, c)), TLanes.Load(ref Unsafe.Add(ref bias0, c))) : normalized;
                TLanes.Store(TLanes.CanonicalizeNaN(result), ref Unsafe.Add(ref y0, c));
            }

            for (; c < x.Length; c++)
            {
                y[c] = Normalize(x[c], c);
            }
        }

        /// <summary>The S positions of one (sample, channel): lanes over positions, the channel's statistics broadcast.</summary>
        private void Positions<TLanes>(ReadOnlySpan<float> x, Span<float> y, int c)
            where TLanes : struct, IFloatLanes<TLanes>
        {
            ref float x0 = ref MemoryMarshal.GetReference(x);
            ref float y0 = ref MemoryMarshal.GetReference(y);
            TLanes mean = TLanes.Create(_mean[c]), scale = TLanes.Create(_scale[c]), weight = TLanes.Create(_weight[c]), bias = TLanes.Create(_bias[c]);
            int i = 0;
            for (; i <= x.Length - TLanes.Count; i += TLanes.Count)
            {
                TLanes normalized = (TLanes.Load(ref Unsafe.Add(ref x0, i)) - mean) * scale;
                TLanes.Store(TLanes.CanonicalizeNaN(affine ? TLanes.Fma(normalized, weight, bias) : normalized), ref Unsafe.Add(ref y0, i));
            }

            for (; i < x.Length; i++)
            {
                y[i] = Normalize(x[i], c);
            }
        }
    }
}
