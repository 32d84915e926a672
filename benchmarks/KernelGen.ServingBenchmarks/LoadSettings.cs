using System;
using System.Collections.Generic;
using System.Globalization;

namespace KernelGen.ServingBenchmarks;

/// <summary>The benchmark's command line.</summary>
/// <param name="Device"><c>cpu</c> or <c>cuda</c>.</param>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="RequestsPerClient">Requests each client sends, one after the other.</param>
/// <param name="SentencesPerRequest">Corpus sentences in each request.</param>
/// <param name="MaxBatch">The batching server's maximum batch (the other runs at 1).</param>
/// <param name="MaxWaitMilliseconds">The batching server's maximum wait.</param>
internal sealed record LoadSettings(string Device, int Clients, int RequestsPerClient, int SentencesPerRequest, int MaxBatch, double MaxWaitMilliseconds)
{
    public const string Usage =
        "usage: KernelGen.ServingBenchmarks [--device cpu|cuda] [--clients N] [--requests N] [--sentences N] [--max-batch N] [--max-wait-ms MS]";

    /// <summary>Reads <paramref name="args"/>; unknown switches and bad numbers throw with the usage.</summary>
    public static LoadSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new LoadSettings("cpu", Clients: 16, RequestsPerClient: 8, SentencesPerRequest: 1, MaxBatch: 32, MaxWaitMilliseconds: 5);
        for (int i = 0; i + 1 < args.Count; i += 2)
        {
            string value = args[i + 1];
            settings = args[i] switch
            {
                "--device" => settings with { Device = value },
                "--clients" => settings with { Clients = Number(value) },
                "--requests" => settings with { RequestsPerClient = Number(value) },
                "--sentences" => settings with { SentencesPerRequest = Number(value) },
                "--max-batch" => settings with { MaxBatch = Number(value) },
                "--max-wait-ms" => settings with { MaxWaitMilliseconds = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown switch {args[i]}\n{Usage}"),
            };
        }

        return args.Count % 2 == 0 ? settings : throw new ArgumentException($"{args[^1]} has no value\n{Usage}");
    }

    private static int Number(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"'{value}' is not a positive whole number\n{Usage}");
}
