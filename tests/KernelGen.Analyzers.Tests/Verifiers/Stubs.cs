namespace KernelGen.Analyzers.Tests.Verifiers;

/// <summary>
/// Sources added to every test compilation: the KernelGen runtime's attributes, <c>DetMath</c> and
/// <c>PhiloxRandom</c> as the analyzers see them (DetMath here already has the functions the runtime
/// will gain, and lacks a double <c>Exp</c> so that tests can show a fix is not offered), ILGPU's
/// <c>XMath</c> (in ILGPU.Algorithms, not referenced) and <c>TensorPrimitives</c> (a separate package).
/// </summary>
internal static class Stubs
{
    public const string KernelGen = """
        using System;

        namespace KernelGen
        {
            [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property)]
            public sealed class DeterministicAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Class)]
            public abstract class LayerAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Class)]
            public sealed class LinearAttribute : LayerAttribute
            {
                public LinearAttribute(int inFeatures, int outFeatures) { }
            }

            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Property)]
            public sealed class InferenceAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)]
            public sealed class BatchStatisticsAttribute : Attribute { }

            public static class DetMath
            {
                public static float Fma(float a, float b, float c) => a;
                public static float MulAdd(float a, float b, float c) => a;
                public static double MulAdd(double a, double b, double c) => a;
                public static float Exp(float x) => x;
                public static float Log(float x) => x;
                public static double Log(double x) => x;
                public static float Tanh(float x) => x;
                public static float Rsqrt(float x) => x;
            }

            public sealed class PhiloxRandom : Random
            {
                public PhiloxRandom(ulong seed, ulong stream = 0) { }
            }
        }
        """;

    public const string XMath = """
        namespace ILGPU.Algorithms
        {
            public static class XMath
            {
                public static float Exp(float x) => x;
                public static float Rsqrt(float x) => x;
                public static float Abs(float x) => x;
            }
        }
        """;

    public const string TensorPrimitives = """
        using System;

        namespace System.Numerics.Tensors
        {
            public static class TensorPrimitives
            {
                public static float Sum(ReadOnlySpan<float> x) => 0;
                public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => 0;
                public static float Norm(ReadOnlySpan<float> x) => 0;
                public static void Exp(ReadOnlySpan<float> x, Span<float> destination) { }
                public static void SoftMax(ReadOnlySpan<float> x, Span<float> destination) { }
                public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) { }
                public static float Max(ReadOnlySpan<float> x) => 0;
            }
        }
        """;
}
