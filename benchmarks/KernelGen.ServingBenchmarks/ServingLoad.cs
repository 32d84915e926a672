using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KernelGen.Serving;
using KernelGen.Serving.Diagnostics;
using KernelGen.Serving.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KernelGen.ServingBenchmarks;

/// <summary>Starts the server on 127.0.0.1 over a loaded model and sends it the clients' requests.</summary>
internal static class ServingLoad
{
    /// <summary>
    /// Runs <paramref name="plans"/> (one list of requests per client, all clients at once) against a server with
    /// batches of up to <paramref name="maxBatch"/>; checks each embedding against <paramref name="alone"/>.
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        string label, ISentenceEncoder encoder, int maxBatch, double maxWaitMilliseconds, string[][][] plans, IReadOnlyDictionary<string, byte[]> alone)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", "--max-batch", $"{maxBatch}", "--max-wait-ms", FormattableString.Invariant($"{maxWaitMilliseconds}"),
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:KernelGen.Serving=Warning", "--Logging:Console:FormatterName=simple",
        ];
        await using WebApplication app = EmbeddingServer.Create(args, services => services.AddSingleton(encoder));
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address + "/"), Timeout = TimeSpan.FromMinutes(5) };
        await SendAsync(client, plans[0][0]).ConfigureAwait(false); // connection and first-request costs, outside the clock

        int batches = 0;
        Meter meter = app.Services.GetRequiredService<ServingMetrics>().Meter;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == "kernelgen.serving.batch.size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref batches));
        listener.Start();

        var latencies = new ConcurrentBag<TimeSpan>();
        int differing = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(plans.Select(plan => Task.Run(async () =>
        {
            foreach (string[] request in plan)
            {
                long started = Stopwatch.GetTimestamp();
                byte[][] embeddings = await SendAsync(client, request).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(started));
                for (int i = 0; i < request.Length; i++)
                {
                    if (!alone[request[i]].AsSpan().SequenceEqual(embeddings[i]))
                    {
                        Interlocked.Increment(ref differing);
                    }
                }
            }
        }))).ConfigureAwait(false);
        clock.Stop();
        await app.StopAsync().ConfigureAwait(false);

        TimeSpan[] sorted = [.. latencies.Order()];
        return new LoadResult(label, plans.Sum(plan => plan.Sum(request => request.Length)), clock.Elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99), batches, differing);
    }

    private static TimeSpan Percentile(TimeSpan[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<byte[][]> SendAsync(HttpClient client, string[] inputs)
    {
        string json = JsonSerializer.Serialize(new Dictionary<string, object> { ["input"] = inputs, ["encoding_format"] = "base64" });
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync(new Uri("v1/embeddings", UriKind.Relative), content).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {body}");
        }

        using JsonDocument document = JsonDocument.Parse(body);
        return [.. document.RootElement.GetProperty("data").EnumerateArray().Select(item => Convert.FromBase64String(item.GetProperty("embedding").GetString()!))];
    }
}
