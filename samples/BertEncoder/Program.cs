using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BertEncoder;
using KernelGen;

// The encoder case: frameworks give a sentence's embedding different bits depending on the batch it
// is in and on its padding. KernelGen's layers never let either change an order, so the sentence's
// output is the same, bit for bit, alone, at any position of any batch, padded to any length, on the
// CPU and the GPU — and its SHA-256 is a golden value that changes only with the arithmetic version.
//
//   dotnet run -c Release
const string Golden = "a0be55e6524bedd8a42adeeab071d5edee6b636fa0486b6d06ac529bb1db0545"; // KG-Bitwise-1
const ulong WeightSeed = 2025;

var encoder = Encoder.CreateFp16(WeightSeed);
Console.WriteLine($"KernelGen arithmetic {ArithmeticVersion.Name}: BERT-style encoder, {Encoder.Depth} layers, {Encoder.Heads} heads, width {Encoder.Width}, MLP {Encoder.Hidden}, fp16 weights (Philox seed {WeightSeed})");
Console.WriteLine($"CPU: {SimdPaths.Default} path, {Environment.ProcessorCount} threads");
using GpuDevice? gpu = GpuDevice.TryOpenCuda(out string whyNoGpu);
Console.WriteLine(gpu is null ? $"GPU: none ({whyNoGpu})" : $"GPU: {gpu.Name} (CUDA)");

int[] sentence = Sentence(length: 9, seed: 1);
int[][] others = [Sentence(16, 2), Sentence(5, 3), Sentence(12, 4)];
float[] alone = encoder.Encode(sentence, 1, sentence.Length, [sentence.Length]);
string hash = Sha256(alone);
bool pass = true;

Console.WriteLine();
Console.WriteLine($"the sentence ({sentence.Length} tokens) alone: SHA-256 {hash}");
Console.WriteLine("CPU, padded to a longer sequence (padding id 0, masked by the valid length):");
foreach (int paddedLength in new[] { 9, 12, 16, 32, 64 })
{
    int[] ids = new int[paddedLength];
    sentence.CopyTo(ids, 0);
    float[] output = encoder.Encode(ids, 1, paddedLength, [sentence.Length]);
    pass &= Report($"  padded to {paddedLength,2}", output.AsSpan(0, alone.Length));
}

Console.WriteLine("CPU, at each position of a batch of 4 sequences padded to 16:");
for (int position = 0; position < 4; position++)
{
    (int[] ids, int[] valid) = Batch(position, 16);
    float[] output = encoder.Encode(ids, 4, 16, valid);
    pass &= Report($"  position {position}", output.AsSpan(position * 16 * Encoder.Width, alone.Length));
}

if (gpu is not null)
{
    Console.WriteLine($"GPU ({gpu.Name}), the same module moved with To(gpu) and the same Forward:");
    encoder.To(gpu);
    pass &= Report("  alone", encoder.Encode(sentence, 1, sentence.Length, [sentence.Length]));
    (int[] ids, int[] valid) = Batch(2, 32);
    pass &= Report("  position 2 of 4, padded to 32", encoder.Encode(ids, 4, 32, valid).AsSpan(2 * 32 * Encoder.Width, alone.Length));
}

bool golden = hash == Golden;
Console.WriteLine();
Console.WriteLine($"golden SHA-256 {Golden}: {(golden ? "matches" : "DIFFERS")}");
pass &= golden;
Console.WriteLine(pass
    ? $"VERDICT: PASS — the sentence's bits are the same alone, at every position, with every padding{(gpu is null ? string.Empty : ", on CPU and GPU")}, and match the golden hash"
    : "VERDICT: FAIL — the sentence's bits depended on its batch or padding, or differ from the golden hash");
return pass ? 0 : 1;

bool Report(string label, ReadOnlySpan<float> output)
{
    bool same = MemoryMarshal.AsBytes(output).SequenceEqual(MemoryMarshal.AsBytes(alone.AsSpan()));
    Console.WriteLine($"{label}: {(same ? "identical" : "DIFFERENT")}");
    return same;
}

(int[] Ids, int[] Valid) Batch(int position, int sequence)
{
    int[][] members = [.. others];
    members = [.. members[..position], sentence, .. members[position..]];
    int[] ids = new int[members.Length * sequence];
    for (int b = 0; b < members.Length; b++)
    {
        members[b].CopyTo(ids, b * sequence);
    }

    return (ids, members.Select(m => m.Length).ToArray());
}

static int[] Sentence(int length, ulong seed)
{
    var random = new PhiloxRandom(seed, stream: 99);
    return Enumerable.Range(0, length).Select(_ => random.Next(1, Encoder.Vocabulary)).ToArray();
}

static string Sha256(ReadOnlySpan<float> values) => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values)));
