using System;
using System.Linq;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.BatchNorm;

/// <summary>
/// BatchNorm's one semantics: inference uses the running statistics and changes nothing; training
/// normalizes with the biased batch variance and updates the running variance with the unbiased one;
/// one value per channel in training is a clear error; CPU and GPU give the same bits, state included.
/// </summary>
public sealed class BatchNormTests
{
    private static Norm1d4 Trained()
    {
        var layer = new Norm1d4();
        layer.SetState([1.5f, 0.5f, -1f, 2f], [0.1f, -0.2f, 0.3f, 0f], [0.5f, -1f, 2f, 0f], [2f, 0.25f, 1f, 4f], numBatchesTracked: 7);
        return layer;
    }

    private static float[] Input(int batch, int channels, int spatial, ulong seed)
    {
        var x = new float[batch * channels * spatial];
        new PhiloxRandom(seed).FillNormal(x, 1f, 2f);
        return x;
    }

    [Fact]
    public void Inference_uses_the_running_statistics_and_changes_nothing()
    {
        Norm1d4 layer = Trained();
        float[] before = [.. layer.Weight, .. layer.Bias, .. layer.RunningMean, .. layer.RunningVar];
        float[] x = Input(6, 4, 5, seed: 1);
        float[] y = new float[x.Length];
        layer.Forward(x, y, 6, 5);
        for (int i = 0; i < x.Length; i++)
        {
            int c = i / 5 % 4;
            float r = DetMath.Rsqrt(layer.RunningVar[c] + 1e-5f);
            float expected = MathF.FusedMultiplyAdd((x[i] - layer.RunningMean[c]) * r, layer.Weight[c], layer.Bias[c]);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(y[i]));
        }

        float[] after = [.. layer.Weight, .. layer.Bias, .. layer.RunningMean, .. layer.RunningVar];
        Assert.Equal(before, after);
        Assert.Equal(7, layer.NumBatchesTracked);
    }

    [Fact]
    public void Inference_of_a_sample_does_not_depend_on_the_batch()
    {
        Norm1d4 layer = Trained();
        float[] x = Input(9, 4, 3, seed: 2);
        float[] y = new float[x.Length];
        layer.Forward(x, y, 9, 3);
        for (int n = 0; n < 9; n++)
        {
            float[] alone = new float[12];
            layer.Forward(x.AsSpan(n * 12, 12), alone, 1, 3);
            BitAssert.Equal(y.AsSpan(n * 12, 12), alone, $"sample {n}");
        }
    }

    [Fact]
    public void Training_normalizes_with_the_biased_variance_and_tracks_the_unbiased_one()
    {
        var layer = new Norm2d3(); // momentum 0.25, ε 1e-3, weight 1, bias 0, running 0 / 1
        const int batch = 4, spatial = 6; // (4, 3, 2, 3)
        float[] x = Input(batch, 3, spatial, seed: 3);
        float[] y = new float[x.Length];
        layer.ForwardTraining(x, y, batch, spatial);
        for (int c = 0; c < 3; c++)
        {
            double[] values = Enumerable.Range(0, batch * spatial).Select(e => (double)x[((e / spatial * 3) + c) * spatial + (e % spatial)]).ToArray();
            double mean = values.Average();
            double ss = values.Sum(v => (v - mean) * (v - mean));
            Assert.Equal(0.25 * mean, layer.RunningMean[c], 1e-6);
            Assert.Equal((0.75 * 1) + (0.25 * ss / (values.Length - 1)), layer.RunningVar[c], 1e-5);
            for (int e = 0; e < values.Length; e++)
            {
                double expected = (values[e] - mean) / Math.Sqrt((ss / values.Length) + 1e-3);
                Assert.Equal(expected, y[((e / spatial * 3) + c) * spatial + (e % spatial)], 1e-5);
            }
        }

        Assert.Equal(1, layer.NumBatchesTracked);
    }

    [Fact]
    public void Training_with_one_value_per_channel_is_a_clear_error_and_changes_nothing()
    {
        var layer = new Norm2d3();
        var error = Assert.Throws<InvalidOperationException>(() => layer.ForwardTraining(new float[3], new float[3], 1, 1));
        Assert.Equal(
            "Expected more than 1 value per channel when training: an input of batch 1 × 3 channels × spatial 1 has 1 value per channel, whose variance is undefined. Train with a larger batch or spatial size, or use Forward (inference).",
            error.Message);
        Assert.Equal([0f, 0f, 0f], layer.RunningMean.ToArray());
        Assert.Equal(0, layer.NumBatchesTracked);
        var tensorError = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(2, 4, 5, 5)));
        Assert.Equal("input has shape (2, 4, 5, 5); a Norm2d3 needs (N, 3, H, W). (Parameter 'input')", tensorError.Message);
    }

    [Fact]
    public void Cpu_accelerator_gives_the_cpu_bits_and_state() => DeviceEqualsCpu(GpuDevice.OpenCpuAccelerator(), dispose: true);

    [Fact]
    [Trait("Category", "Cuda")]
    public void Cuda_gives_the_cpu_bits_and_state() => DeviceEqualsCpu(CudaDevice.Get(), dispose: false);

    private static void DeviceEqualsCpu(GpuDevice device, bool dispose)
    {
        try
        {
            foreach (Func<BatchNormLayer> create in new Func<BatchNormLayer>[] { Trained, () => new Norm2d3(), () => new Norm1d5Plain() })
            {
                BatchNormLayer cpu = create(), gpuHost = create();
                int channels = cpu.NumFeatures;
                float[] x = Input(7, channels, 37, seed: 4);
                float[] yCpu = new float[x.Length], yGpu = new float[x.Length];
                using GpuBatchNormLayer onDevice = gpuHost.ToGpu(device);

                cpu.Forward(x, yCpu, 7, 37);
                onDevice.Forward(x, yGpu, 7, 37);
                BitAssert.Equal(yCpu, yGpu, $"{cpu.GetType().Name} inference on {device}");

                cpu.ForwardTraining(x, yCpu, 7, 37);
                onDevice.ForwardTraining(x, yGpu, 7, 37);
                BitAssert.Equal(yCpu, yGpu, $"{cpu.GetType().Name} training on {device}");
                BitAssert.Equal(cpu.RunningMean, gpuHost.RunningMean, "running mean");
                BitAssert.Equal(cpu.RunningVar, gpuHost.RunningVar, "running variance");
                Assert.Equal(cpu.NumBatchesTracked, gpuHost.NumBatchesTracked);

                cpu.Forward(x, yCpu, 7, 37);
                onDevice.Forward(x, yGpu, 7, 37);
                BitAssert.Equal(yCpu, yGpu, $"{cpu.GetType().Name} inference after training on {device}");
                Assert.Throws<InvalidOperationException>(() => onDevice.ForwardTraining(new float[channels], new float[channels], 1, 1));
            }
        }
        finally
        {
            if (dispose)
            {
                device.Dispose();
            }
        }
    }
}
