using System;
using ILGPU;

namespace KernelGen;

/// <summary>
/// The arithmetic of <see cref="BatchNormLayer"/>, once for the CPU and once for GPU kernels, step for
/// step the same operations (docs/layers/batchnorm.md). The layer's state is one array of 6·C floats:
/// weight, bias, running mean, running variance, and the last batch's mean and biased variance.
/// </summary>
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

    /// <summary>The CPU twin of <see cref="GroupStatistics{TMath}"/> for channel <paramref name="c"/>.</summary>
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

        float sumOfSquares = CanonicalReduction.Tree(ref squares);
        state[(BatchMean * channels) + c] = mean;
        state[(BatchVar * channels) + c] = sumOfSquares / count;
        state[(RunningMean * channels) + c] = Update(state[(RunningMean * channels) + c], mean, momentum);
        state[(RunningVar * channels) + c] = Update(state[(RunningVar * channels) + c], sumOfSquares / (count - 1), momentum);
    }

    /// <summary>The index of the channel's value <paramref name="e"/> (sample e / S, position e mod S) in an (N, C, S) input.</summary>
    public static long Element(int e, int c, int spatial, int channels) => ((((long)(e / spatial) * channels) + c) * spatial) + (e % spatial);
}
