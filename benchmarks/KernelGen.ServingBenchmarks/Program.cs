using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using KernelGen;
using KernelGen.Serving;
using KernelGen.Serving.Model;
using KernelGen.ServingBenchmarks;

// dotnet run -c Release --project benchmarks/KernelGen.ServingBenchmarks -- [--device cpu|cuda] [--clients 16] [--requests 8]
// The same server, the same clients and requests: dynamic batching (--max-batch, --max-wait-ms) against batches of 1.
LoadSettings settings;
try
{
    settings = LoadSettings.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

string[] corpus = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "corpus.txt"));
var random = new Random(15);
string[][][] plans = [.. Enumerable.Range(0, settings.Clients).Select(_ => Enumerable.Range(0, settings.RequestsPerClient)
    .Select(_ => Enumerable.Range(0, settings.SentencesPerRequest).Select(_ => corpus[random.Next(corpus.Length)]).ToArray()).ToArray())];

MiniLmSentenceEncoder encoder;
try
{
    encoder = MiniLmSentenceEncoder.Load(new ServingOptions { Device = settings.Device });
}
catch (GpuUnavailableException exception)
{
    Console.Error.WriteLine($"--device {settings.Device}: {exception.Message}");
    return 3;
}

using var model = encoder;
var alone = plans.SelectMany(plan => plan.SelectMany(request => request)).Distinct(StringComparer.Ordinal)
    .ToDictionary(text => text, text => MemoryMarshal.AsBytes(encoder.Embed([encoder.Tokenize(text)])[0].AsSpan()).ToArray(), StringComparer.Ordinal);

Console.WriteLine($"KernelGen.Serving on {encoder.DeviceDescription}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: " +
    $"{settings.Clients} clients x {settings.RequestsPerClient} requests x {settings.SentencesPerRequest} corpus sentence(s), {alone.Count} distinct");
Console.WriteLine(LoadResult.Header);
LoadResult batched = await ServingLoad.RunAsync($"max batch {settings.MaxBatch}, wait {settings.MaxWaitMilliseconds} ms", encoder, settings.MaxBatch, settings.MaxWaitMilliseconds, plans, alone);
Console.WriteLine(batched.Row());
LoadResult single = await ServingLoad.RunAsync("max batch 1", encoder, 1, 0, plans, alone);
Console.WriteLine(single.Row());
return batched.Differing + single.Differing == 0 ? 0 : 1;
