using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using KernelGen.Models.MiniLM;
using KernelGen.Serving.Batching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace KernelGen.Serving.Tests;

/// <summary>
/// What the server does when things go wrong around a batch: the device fails it (503, then it keeps serving), the
/// queue is full (429 with Retry-After), a client leaves mid-batch, the server stops with work in flight, and
/// settings that cannot work.
/// </summary>
public sealed class ServerFailureTests(ModelFixture model)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static TheoryData<string> DeviceFailures => [nameof(GpuOutOfMemoryException), nameof(KernelLoadException)];

    [Theory]
    [MemberData(nameof(DeviceFailures))]
    public async Task A_device_failure_answers_503_and_the_next_request_gets_its_bits(string failure)
    {
        using var encoder = new TestEncoder(model.Encoder);
        await using ServerHost server = await ServerHost.StartAsync(encoder);
        encoder.FailNext(failure == nameof(GpuOutOfMemoryException)
            ? new GpuOutOfMemoryException("out of memory allocating 96 MB on the test GPU", null)
            : new KernelLoadException(typeof(MiniLm), "the test GPU", new InvalidOperationException("PTX JIT compilation failed")));

        (HttpStatusCode status, string body, HttpResponseMessage response) = await Api.PostAsync(server.Client, Api.Base64Request([model.Corpus[30]]), TestContext.Current.CancellationToken);
        response.Dispose();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(Api.Error($"The device could not run this request's batch ({failure}); the server keeps serving, retry.", "server_error", null, "device_unavailable"), body);
        await AssertAnsweredAloneAsync(server.Client, model.Corpus[30]);
    }

    [Fact]
    public async Task Any_other_failure_of_a_batch_answers_500_and_the_next_request_gets_its_bits()
    {
        using var encoder = new TestEncoder(model.Encoder);
        await using ServerHost server = await ServerHost.StartAsync(encoder);
        encoder.FailNext(new InvalidOperationException("a failure the server does not know"));

        (HttpStatusCode status, string body, HttpResponseMessage response) = await Api.PostAsync(server.Client, Api.Base64Request([model.Corpus[37]]), TestContext.Current.CancellationToken);
        response.Dispose();

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(Api.Error("The server failed to embed this request; the failure is in its log.", "server_error", null, "internal_error"), body);
        await AssertAnsweredAloneAsync(server.Client, model.Corpus[37]);
    }

    [Fact]
    public async Task A_request_that_does_not_fit_the_queue_gets_429_with_Retry_After_and_the_queued_ones_finish()
    {
        using var encoder = new TestEncoder(model.Encoder);
        await using ServerHost server = await ServerHost.StartAsync(encoder, "--max-batch", "1", "--max-wait-ms", "0", "--queue", "4", "--max-inputs", "4", "--Serving:RetryAfterSeconds=2");
        DynamicBatcher batcher = server.App.Services.GetRequiredService<DynamicBatcher>();
        encoder.Close();
        Task<(byte[][], int)> running = Api.EmbedBase64Async(server.Client, [model.Corpus[31]], TestContext.Current.CancellationToken);
        Assert.True(await encoder.Entered.WaitAsync(Patience, TestContext.Current.CancellationToken));
        string[] four = [.. model.Corpus.Skip(32).Take(4)];
        Task<(byte[][], int)> queued = Api.EmbedBase64Async(server.Client, four, TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => batcher.QueueLength == 4);

        (HttpStatusCode status, string body, HttpResponseMessage response) = await Api.PostAsync(server.Client, Api.Base64Request([model.Corpus[36]]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(Api.Error("The server's queue is full (4 of 4 sentences waiting; this request has 1). Retry after 2 s.", "requests", null, "rate_limit_exceeded"), body);
        response.Dispose();
        encoder.Open();
        Assert.Equal(Api.Bytes(model.Alone(model.Corpus[31])), (await running).Item1.Single());
        byte[][] fourEmbeddings = (await queued).Item1;
        Assert.Equal(four.Select(text => Api.Bytes(model.Alone(text))), fourEmbeddings);
        await AssertAnsweredAloneAsync(server.Client, model.Corpus[36]);
    }

    [Fact]
    public async Task A_client_that_leaves_does_not_break_the_batch_it_was_in()
    {
        using var encoder = new TestEncoder(model.Encoder);
        await using ServerHost server = await ServerHost.StartAsync(encoder, "--max-batch", "8", "--max-wait-ms", "0");
        DynamicBatcher batcher = server.App.Services.GetRequiredService<DynamicBatcher>();
        encoder.Close();
        Task<(byte[][], int)> first = Api.EmbedBase64Async(server.Client, [model.Corpus[40]], TestContext.Current.CancellationToken);
        Assert.True(await encoder.Entered.WaitAsync(Patience, TestContext.Current.CancellationToken));
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task<(byte[][], int)> stays1 = Api.EmbedBase64Async(server.Client, [model.Corpus[41]], TestContext.Current.CancellationToken);
        Task<(byte[][], int)> leaves = Api.EmbedBase64Async(server.Client, [model.Corpus[42], model.Corpus[43]], leaving.Token);
        Task<(byte[][], int)> stays2 = Api.EmbedBase64Async(server.Client, [model.Corpus[44]], TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => batcher.QueueLength == 4);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaves);
        encoder.Open();

        Assert.Equal(Api.Bytes(model.Alone(model.Corpus[40])), (await first).Item1.Single());
        Assert.Equal(Api.Bytes(model.Alone(model.Corpus[41])), (await stays1).Item1.Single());
        Assert.Equal(Api.Bytes(model.Alone(model.Corpus[44])), (await stays2).Item1.Single());
        await AssertAnsweredAloneAsync(server.Client, model.Corpus[45]);
    }

    [Fact]
    public async Task Stopping_finishes_the_batch_running_and_the_sentences_queued()
    {
        using var encoder = new TestEncoder(model.Encoder);
        ServerHost server = await ServerHost.StartAsync(encoder, "--max-batch", "1", "--max-wait-ms", "0");
        DynamicBatcher batcher = server.App.Services.GetRequiredService<DynamicBatcher>();
        encoder.Close();
        Task<(byte[][], int)> running = Api.EmbedBase64Async(server.Client, [model.Corpus[50]], TestContext.Current.CancellationToken);
        Assert.True(await encoder.Entered.WaitAsync(Patience, TestContext.Current.CancellationToken));
        Task<(byte[][], int)> queued = Api.EmbedBase64Async(server.Client, [model.Corpus[51]], TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => batcher.QueueLength == 1);

        Task stopping = server.App.StopAsync(TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => server.App.Lifetime.ApplicationStopping.IsCancellationRequested);
        encoder.Open();

        Assert.Equal(Api.Bytes(model.Alone(model.Corpus[50])), (await running).Item1.Single());
        Assert.Equal(Api.Bytes(model.Alone(model.Corpus[51])), (await queued).Item1.Single());
        await stopping;
        await server.DisposeAsync();
    }

    [Fact]
    public void Settings_that_cannot_work_stop_the_start_with_each_problem_named()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => EmbeddingServer.Create(
            ["--max-batch", "0", "--device", "tpu", "--max-tokens", "600"],
            services => services.AddSingleton<Model.ISentenceEncoder>(model.Encoder)));

        Assert.Equal(
            ["Device is 'tpu'; it must be cpu or cuda.", "MaxBatchSize is 0; it must be 1 or more.", "MaxTokensPerInput is 600; it must be 2 to 512."],
            exception.Failures);
    }

    private async Task AssertAnsweredAloneAsync(HttpClient client, string text)
    {
        (byte[][] embeddings, _) = await Api.EmbedBase64Async(client, [text], TestContext.Current.CancellationToken);
        Assert.Equal(Api.Bytes(model.Alone(text)), embeddings.Single());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
