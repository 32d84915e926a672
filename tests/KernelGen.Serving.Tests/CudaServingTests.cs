using System.Linq;
using System.Threading.Tasks;
using KernelGen.Serving.Model;
using Xunit;

namespace KernelGen.Serving.Tests;

/// <summary>The server started with <c>--device cuda</c>: batched responses on the GPU have the CPU's bits alone.</summary>
[Trait("Category", "Cuda")]
public sealed class CudaServingTests(ModelFixture model)
{
    [Fact]
    public async Task A_GPU_server_answers_a_mixed_batch_with_the_CPU_bits_of_each_sentence_alone()
    {
        using (GpuDevice? probe = GpuDevice.TryOpenCuda(out string reason))
        {
            if (probe is null)
            {
                Assert.Skip($"CUDA tests need an NVIDIA GPU: {reason}");
            }
        }

        using MiniLmSentenceEncoder gpu = MiniLmSentenceEncoder.Load(new ServingOptions { Device = "cuda" });
        await using ServerHost server = await ServerHost.StartAsync(gpu, "--max-wait-ms", "20");
        string[][] requests = [.. Enumerable.Range(0, 8).Select(i => model.Corpus.Skip(i * 5).Take(1 + (i % 4)).ToArray())];

        (byte[][] Embeddings, int)[] answers = await Task.WhenAll(requests.Select(request => Api.EmbedBase64Async(server.Client, request, TestContext.Current.CancellationToken)));

        for (int r = 0; r < requests.Length; r++)
        {
            for (int i = 0; i < requests[r].Length; i++)
            {
                Assert.Equal(Api.Bytes(model.Alone(requests[r][i])), answers[r].Embeddings[i]);
            }
        }
    }
}
