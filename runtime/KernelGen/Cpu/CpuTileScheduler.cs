using System;
using System.Threading.Tasks;

namespace KernelGen;

/// <summary>
/// Splits the (rows × output columns) space of a forward pass into blocks and runs them on the
/// thread pool. A block computes complete outputs; no output is ever shared between threads, so
/// the result is the same for any thread count.
/// </summary>
internal static class CpuTileScheduler
{
    /// <summary>Rows per block: a multiple of every generated row tile.</summary>
    public const int RowBlock = 64;

    /// <summary>Columns per block: a multiple of <see cref="LinearLayer.ColumnAlignment"/>.</summary>
    public const int ColumnBlock = 256;

    public static void Run(int rows, int columns, int degreeOfParallelism, CpuTileWork work)
    {
        int rowBlocks = (rows + RowBlock - 1) / RowBlock;
        int columnBlocks = (columns + ColumnBlock - 1) / ColumnBlock;
        int blocks = rowBlocks * columnBlocks;

        if (degreeOfParallelism <= 1 || blocks == 1)
        {
            work.Run(0, rows, 0, columns);
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism };
        Parallel.For(0, blocks, options, block =>
        {
            int rowStart = block / columnBlocks * RowBlock;
            int columnStart = block % columnBlocks * ColumnBlock;
            work.Run(rowStart, Math.Min(rowStart + RowBlock, rows), columnStart, Math.Min(columnStart + ColumnBlock, columns));
        });
    }
}
