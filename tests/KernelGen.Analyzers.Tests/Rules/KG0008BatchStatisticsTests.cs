using System.Threading.Tasks;
using Xunit;
using Verify = KernelGen.Analyzers.Tests.Verifiers.AnalyzerVerifier<KernelGen.Analyzers.Diagnostics.Analyzers.BatchStatisticsAnalyzer>;

namespace KernelGen.Analyzers.Tests.Rules;

public sealed class KG0008BatchStatisticsTests
{
    private const string BatchNorm = """
        using System;
        using KernelGen;

        sealed class BatchNorm
        {
            [BatchStatistics]
            public void NormalizeWithBatchStatistics(float[] batch, int rows) { }

            public void NormalizeWithRunningStatistics(float[] batch, int rows) { }

            [BatchStatistics]
            public float BatchMean => 0f;
        }

        """;

    [Fact]
    public Task Flags_batch_statistics_reached_from_inference() => Verify.VerifyAsync(BatchNorm + """
        sealed class Model
        {
            private readonly BatchNorm _norm = new BatchNorm();

            [Inference]
            public float Predict(float[] batch, int rows)
            {
                {|KG0008:_norm.NormalizeWithBatchStatistics(batch, rows)|};
                Action<float[], int> later = {|KG0008:_norm.NormalizeWithBatchStatistics|};
                return {|KG0008:_norm.BatchMean|};
            }
        }

        [Inference]
        sealed class Session
        {
            private readonly BatchNorm _norm = new BatchNorm();

            public void Run(float[] batch) => {|KG0008:_norm.NormalizeWithBatchStatistics(batch, 1)|};
        }
        """);

    [Fact]
    public Task Names_the_statistics_and_the_inference_path() => Verify.VerifyAsync(
        BatchNorm + """
        sealed class Model
        {
            [Inference]
            public void Predict(BatchNorm norm, float[] batch) => norm.NormalizeWithBatchStatistics(batch, 4);
        }
        """,
        Verify.Diagnostic().WithSpan(17, 59, 17, 102)
            .WithArguments("BatchNorm.NormalizeWithBatchStatistics", "Model.Predict"));

    [Fact]
    public Task Accepts_running_statistics_in_inference_and_batch_statistics_in_training() => Verify.VerifyAsync(BatchNorm + """
        sealed class Model
        {
            private readonly BatchNorm _norm = new BatchNorm();

            [Inference]
            public void Predict(float[] batch, int rows) => _norm.NormalizeWithRunningStatistics(batch, rows);

            public void Train(float[] batch, int rows) => _norm.NormalizeWithBatchStatistics(batch, rows);
        }
        """);
}
