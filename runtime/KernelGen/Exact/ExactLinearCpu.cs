using System;
using System.Buffers;

namespace KernelGen;

/// <summary>
/// The exact tier's CPU forward pass: each input row quantized and sliced once per call, then blocks of
/// (rows × output columns) on KernelGen's workers, every output computed whole by one thread
/// (<see cref="ExactDot"/>), rounded once, the bias added, a NaN canonicalized and the activation applied.
/// Blocks, threads and paths change no bit: each output is one exact integer rounded once.
/// </summary>
internal static unsafe class ExactLinearCpu
{
    /// <summary>Rows per block: their planes (8 × 4 × K × 2 bytes) stay in L2 while a column's planes are in L1.</summary>
    public const int RowBlock = 8;

    /// <summary>Output columns per block.</summary>
    public const int ColumnBlock = 64;

    /// <summary>Rows quantized per task.</summary>
    private const int QuantizeBlock = 16;

    public static void Forward(LinearLayer layer, ExactWeights weights, ReadOnlySpan<float> input, Span<float> output, int rows, SimdPath path, int degreeOfParallelism)
    {
        int rowPlanes = ExactArithmetic.Slices * weights.PlaneLength;
        short[] planes = ArrayPool<short>.Shared.Rent(checked(rows * rowPlanes));
        int[] scales = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            fixed (float* inputPointer = input)
            fixed (float* outputPointer = output)
            {
                var job = new Job(layer, weights, path, inputPointer, outputPointer, planes, scales);
                int threads = CpuTileScheduler.ThreadsFor(rows, layer.InFeatures, layer.OutFeatures, degreeOfParallelism);
                CpuWorkers.ForRanges(rows, QuantizeBlock, threads, job.SliceRows);
                int rowBlocks = (rows + RowBlock - 1) / RowBlock;
                int columnBlocks = (layer.OutFeatures + ColumnBlock - 1) / ColumnBlock;
                job.RowBlocks = rowBlocks;
                job.RowCount = rows;
                CpuWorkers.For(rowBlocks * columnBlocks, threads, job.RunBlock);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scales);
            ArrayPool<short>.Shared.Return(planes);
        }
    }

    private sealed class Job
    {
        private readonly LinearLayer _layer;
        private readonly ExactWeights _weights;
        private readonly SimdPath _path;
        private readonly float* _input;
        private readonly float* _output;
        private readonly short[] _planes;
        private readonly int[] _scales;

        public Job(LinearLayer layer, ExactWeights weights, SimdPath path, float* input, float* output, short[] planes, int[] scales)
        {
            _layer = layer;
            _weights = weights;
            _path = path;
            _input = input;
            _output = output;
            _planes = planes;
            _scales = scales;
        }

        public int RowBlocks { get; set; }

        public int RowCount { get; set; }

        public void SliceRows(int rowStart, int rowEnd)
        {
            int k = _layer.InFeatures;
            int rowPlanes = ExactArithmetic.Slices * _weights.PlaneLength;
            for (int row = rowStart; row < rowEnd; row++)
            {
                var x = new ReadOnlySpan<float>(_input + ((long)row * k), k);
                _scales[row] = ExactSlices.Slice(x, _planes.AsSpan(row * rowPlanes, rowPlanes), _weights.PlaneLength);
            }
        }

        public void RunBlock(int block)
        {
            int n = _layer.OutFeatures;
            int rowStart = block % RowBlocks * RowBlock;
            int rowEnd = Math.Min(rowStart + RowBlock, RowCount);
            int columnStart = block / RowBlocks * ColumnBlock;
            int columnEnd = Math.Min(columnStart + ColumnBlock, n);
            int planeLength = _weights.PlaneLength;
            int rowPlanes = ExactArithmetic.Slices * planeLength;
            ReadOnlySpan<float> bias = _layer.Bias;
            for (int j = columnStart; j < columnEnd; j++)
            {
                ReadOnlySpan<short> w = _weights.RowPlanes(j);
                int scaleW = _weights.Scales[j];
                for (int row = rowStart; row < rowEnd; row++)
                {
                    int scaleX = _scales[row];
                    long combined = scaleX is ExactArithmetic.ZeroScale or ExactArithmetic.NonFiniteScale || scaleW == ExactArithmetic.ZeroScale
                        ? 0
                        : ExactDot.Combined(_path, _planes.AsSpan(row * rowPlanes, rowPlanes), w, planeLength);
                    float y = ExactArithmetic.Output(combined, scaleX, scaleW);
                    if (_layer.HasBias)
                    {
                        y += bias[j];
                    }

                    _output[((long)row * n) + j] = DetMath.CanonicalizeNaN(y);
                }
            }

            if (_layer.Activation is { } function)
            {
                for (int row = rowStart; row < rowEnd; row++)
                {
                    var values = new Span<float>(_output + ((long)row * n) + columnStart, columnEnd - columnStart);
                    ActivationKernels.Apply(_path, function, values);
                }
            }
        }
    }
}
