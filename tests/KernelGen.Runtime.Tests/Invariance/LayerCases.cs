using System;
using System.Collections.Generic;
using Xunit;

namespace KernelGen.Runtime.Tests.Invariance;

/// <summary>Every generated test layer, with seeded parameters, as xunit theory data.</summary>
public static class LayerCases
{
    public static TheoryData<string> Names => new(Factories.Keys);

    private static readonly Dictionary<string, Func<LinearLayer>> Factories = new()
    {
        ["1024x64"] = () => new Projection1024x64(seed: 11),
        ["61x3 no bias"] = () => new Small61x3NoBias(seed: 12),
        ["1x1"] = () => new Tiny1x1(seed: 13),
        ["3x1023"] = () => new Wide3x1023(seed: 14),
        ["4097x61"] = () => new Long4097x61(seed: 15),
        ["64x300"] = () => new Square64x300(seed: 16),
        ["64x128"] = () => new Medium64x128(seed: 17),
        ["100x70"] = () => new Odd100x70(seed: 18),
    };

    public static LinearLayer Create(string name) => Factories[name]();

    /// <summary>Rows of input uniform in [-2, 2), with a few values far larger and smaller to exercise cancellation.</summary>
    public static float[] Input(LinearLayer layer, int rows, ulong seed)
    {
        var random = new PhiloxRandom(seed, stream: 7);
        var input = new float[rows * layer.InFeatures];
        random.Fill(input, -2f, 2f);
        for (int i = 0; i < input.Length; i += 17)
        {
            input[i] *= 4096f;
        }

        for (int i = 5; i < input.Length; i += 23)
        {
            input[i] *= 1f / 8192f;
        }

        return input;
    }
}
