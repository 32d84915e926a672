using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace KernelGen.Runtime.Tests.Simd;

/// <summary>
/// Fixed layers, parameters and inputs whose output hashes must not depend on the instruction set.
/// Compiled into both the test assembly and the SIMD probe (a child process).
/// </summary>
public static class ProbeWorkload
{
    /// <summary>Runs every workload on the default path and returns its output's SHA-256.</summary>
    public static IEnumerable<(string Name, string Hash)> Run()
    {
        yield return Hash("1024x64", new Projection1024x64(seed: 1), rows: 9);
        yield return Hash("61x3", new Small61x3NoBias(seed: 2), rows: 5);
        yield return Hash("1x1", new Tiny1x1(seed: 3), rows: 3);
        yield return Hash("3x1023", new Wide3x1023(seed: 4), rows: 6);
        yield return Hash("4097x61", new Long4097x61(seed: 5), rows: 4);
        yield return Hash("64x300", new Square64x300(seed: 6), rows: 70);

        // Row layers: canonical reductions and DetMath (double arithmetic inside).
        yield return Hash("LayerNorm768", new RowLayers.Norm768(), rows: 7);
        yield return Hash("RmsNorm100", new RowLayers.Rms100(), rows: 40);
        yield return Hash("Gelu768", new RowLayers.Gelu768(), rows: 5);
        yield return Hash("GeluTanh33", new RowLayers.GeluTanh33(), rows: 50);
        yield return Hash("Silu64", new RowLayers.Silu64(), rows: 30);
        yield return Hash("Tanh100", new RowLayers.Tanh100(), rows: 20);
    }

    private static (string, string) Hash(string name, RowLayer layer, int rows)
    {
        var input = new float[rows * layer.InFeatures];
        new PhiloxRandom(seed: 98, stream: (ulong)layer.InFeatures).Fill(input, -6f, 6f);
        float[] output = layer.Forward(input);
        return (name, Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(output.AsSpan()))));
    }

    private static (string, string) Hash(string name, LinearLayer layer, int rows)
    {
        var input = new float[rows * layer.InFeatures];
        new PhiloxRandom(seed: 99, stream: (ulong)layer.InFeatures).Fill(input, -3f, 3f);
        float[] output = layer.Forward(input);
        return (name, Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(output.AsSpan()))));
    }
}
