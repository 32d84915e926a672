using System;
using System.Linq;
using System.Reflection;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.Fusion;

/// <summary>
/// A Linear with a declared activation gives, on every SIMD path, thread count and batch, exactly the bits
/// of the plain Linear followed by the [Activation] layer of the same function.
/// </summary>
public sealed class LinearActivationTests
{
    private static readonly SimdPath[] Paths = Enum.GetValues<SimdPath>().Where(p => p != SimdPath.Auto && SimdPaths.IsSupported(p)).ToArray();

    [Theory]
    [MemberData(nameof(FusedCases.Names), MemberType = typeof(FusedCases))]
    public void Fused_equals_linear_then_activation_on_every_path_and_thread_count(string name)
    {
        LinearLayer fused = FusedCases.CreateFused(name);
        foreach (int rows in FusedCases.Get(name).Rows)
        {
            float[] input = FusedCases.Input(fused, rows, seed: 41);
            float[] expected = FusedCases.Unfused(name, fused, input);
            foreach (SimdPath path in Paths)
            {
                for (int threads = 1; threads <= 3; threads++)
                {
                    var options = new CpuExecutionOptions { SimdPath = path, MaxDegreeOfParallelism = threads };
                    BitAssert.Equal(expected, fused.Forward(input, options), $"{name}, {rows} rows, {path}, {threads} thread(s)");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(FusedCases.Names), MemberType = typeof(FusedCases))]
    public void Each_row_alone_runs_the_lone_row_tiles_and_equals_its_row_of_the_unfused_batch(string name)
    {
        LinearLayer fused = FusedCases.CreateFused(name);
        int rows = Math.Min(FusedCases.Get(name).Rows.Max(), 5); // an ordinary row, then NaN, +inf, -inf and overflow
        float[] input = FusedCases.Input(fused, rows, seed: 42);
        float[] expected = FusedCases.Unfused(name, fused, input);
        foreach (SimdPath path in Paths)
        {
            for (int row = 0; row < rows; row++)
            {
                float[] alone = fused.Forward(input.AsSpan(row * fused.InFeatures, fused.InFeatures), new CpuExecutionOptions { SimdPath = path });
                BitAssert.Equal(expected.AsSpan(row * fused.OutFeatures, fused.OutFeatures), alone, $"{name}, row {row} alone, {path}");
            }
        }
    }

    [Fact]
    public void Non_finite_outputs_go_through_the_function_as_the_activation_layer_says()
    {
        // One input, one output, weight 1, bias 0: y = f(x), with x's NaN canonicalized first.
        var sigmoid = new Sigmoid1x1();
        sigmoid.SetParameters([1f], [0f]);
        var relu = new Relu1x1NoBias();
        relu.SetParameters([1f], []);
        float payloadNaN = BitConverter.UInt32BitsToSingle(0xFFC0_0123);
        float[] input = [float.NaN, payloadNaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 3e38f];

        foreach (SimdPath path in Paths)
        {
            var options = new CpuExecutionOptions { SimdPath = path };
            float[] s = sigmoid.Forward(input, options);
            float[] r = relu.Forward(input, options);
            Assert.Equal(
                [DetMath.CanonicalNaNBits, DetMath.CanonicalNaNBits, 0x3F80_0000u, 0u, 0x3F00_0000u, 0x3F80_0000u],
                Array.ConvertAll(s, BitConverter.SingleToUInt32Bits));
            Assert.Equal(
                [DetMath.CanonicalNaNBits, DetMath.CanonicalNaNBits, 0x7F80_0000u, 0u, 0u, BitConverter.SingleToUInt32Bits(3e38f)],
                Array.ConvertAll(r, BitConverter.SingleToUInt32Bits));
        }
    }

    [Fact]
    public void The_declared_activation_is_visible_on_the_layer_and_the_attribute()
    {
        LinearLayer fused = new Gelu768x3072();
        LinearLayer plain = new Plain768x3072();
        LinearAttribute fusedAttribute = typeof(Gelu768x3072).GetCustomAttribute<LinearAttribute>()!;
        LinearAttribute plainAttribute = typeof(Plain768x3072).GetCustomAttribute<LinearAttribute>()!;

        Assert.Equal(ActivationFunction.Gelu, fused.Activation);
        Assert.Null(plain.Activation);
        Assert.True(fusedAttribute.HasActivation);
        Assert.Equal(ActivationFunction.Gelu, fusedAttribute.Activation);
        Assert.False(plainAttribute.HasActivation);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => plainAttribute.Activation);
        Assert.Equal("This [Linear] declares no activation; check HasActivation first.", error.Message);
    }

    [Fact]
    public void Every_activation_function_has_a_fused_case()
    {
        ActivationFunction?[] covered = FusedCases.Names.Select(row => FusedCases.Get((string)row.Data).CreateFused().Activation).ToArray();
        Assert.All(Enum.GetValues<ActivationFunction>(), function => Assert.Contains(function, covered));
    }
}
