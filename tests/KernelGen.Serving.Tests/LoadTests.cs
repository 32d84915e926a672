using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelGen.Serving.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KernelGen.Serving.Tests;

/// <summary>
/// 64 concurrent clients on 127.0.0.1 sending random mixes of the corpus: every embedding has the bits of its
/// sentence alone, no request is lost, and the metrics show that sentences of different requests shared batches.
/// </summary>
public sealed class LoadTests(ModelFixture model)
{
    private const int Clients = 64;
    private const int RequestsPerClient = 3;
    private const int MaxSentencesPerRequest = 3;

    [Fact]
    public async Task Sixty_four_clients_get_the_bits_of_each_sentence_alone_in_mixed_batches()
    {
        string[] pool = [.. model.Corpus.Take(40)];
        var alone = pool.ToDictionary(text => text, text => Api.Bytes(model.Alone(text)), StringComparer.Ordinal);
        var random = new Random(15);
        string[][][] plans = [.. Enumerable.Range(0, Clients).Select(_ => Enumerable.Range(0, RequestsPerClient)
            .Select(_ => Enumerable.Range(0, random.Next(1, MaxSentencesPerRequest + 1)).Select(_ => pool[random.Next(pool.Length)]).ToArray()).ToArray())];
        await using ServerHost server = await ServerHost.StartAsync(model.Encoder, "--max-batch", "32", "--max-wait-ms", "10");
        Meter meter = server.App.Services.GetRequiredService<ServingMetrics>().Meter;
        var batchSizes = new ConcurrentQueue<int>();
        long tokensCounted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "kernelgen.serving.batch.size")
            {
                batchSizes.Enqueue(value);
            }
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "kernelgen.serving.tokens")
            {
                Interlocked.Add(ref tokensCounted, value);
            }
        });
        listener.Start();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));

        int[][] tokens = await Task.WhenAll(plans.Select(plan => Task.Run(async () =>
        {
            var usage = new List<int>();
            foreach (string[] request in plan)
            {
                (byte[][] embeddings, int promptTokens) = await Api.EmbedBase64Async(server.Client, request, timeout.Token);
                Assert.Equal(request.Length, embeddings.Length);
                for (int i = 0; i < request.Length; i++)
                {
                    Assert.True(alone[request[i]].AsSpan().SequenceEqual(embeddings[i]), $"'{request[i]}' differs from its embedding alone");
                }

                usage.Add(promptTokens);
            }

            return usage.ToArray();
        }, timeout.Token)));

        int sentences = plans.Sum(plan => plan.Sum(request => request.Length));
        Assert.Equal(Clients * RequestsPerClient, tokens.Sum(client => client.Length));
        Assert.Equal(sentences, batchSizes.Sum());
        Assert.Contains(batchSizes, size => size > 1);
        Assert.Equal(tokens.Sum(client => client.Sum()), Interlocked.Read(ref tokensCounted));
        TestContext.Current.SendDiagnosticMessage($"{sentences} sentences in {batchSizes.Count} batches, largest {batchSizes.Max()}");
    }
}
