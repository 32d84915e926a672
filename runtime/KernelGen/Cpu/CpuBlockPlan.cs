using System;

namespace KernelGen;

/// <summary>
/// The blocks of a forward pass in the order the threads take them: the grid of <see cref="CpuTileScheduler.BlockSizes"/>
/// (column blocks outer, so that consecutive blocks share their weights), except that the blocks of the last round —
/// those left when every thread has taken as many whole blocks as the others — are cut by rows into pieces of whole
/// tiles (<see cref="CpuTileScheduler.MinimumRowBlock"/> rows: one Vector512 main tile, two of every other path's),
/// about one for each thread. A block computes whole outputs over their whole dot
/// products, so neither the grid nor the cut changes a bit.
/// </summary>
/// <remarks>
/// Threads take the next block from a shared counter, so when the blocks are not a multiple of the threads, the last
/// round runs on only some of them while the others wait: the residual stack's 1024 rows on 2 threads are 11 blocks of
/// up to 96 rows, and one thread ran 6 of them while the other ran 5 (6 % of the pass idle, measured). Cutting the last
/// block into two pieces of 36 and 28 rows gives each thread 5 blocks and a piece. Blocks stay whole before the last
/// round: small blocks read the weights more often (each row tile of a block reuses the weights of a pass from L2), and
/// rows cut anywhere but at whole tiles would run in the slower small tiles.
/// </remarks>
internal readonly struct CpuBlockPlan
{
    private readonly int _rows;
    private readonly int _columns;
    private readonly int _rowBlock;
    private readonly int _columnBlock;
    private readonly int _rowBlocks;
    private readonly int _wholeBlocks;
    private readonly int _piecesPerTailBlock;

    /// <summary>The plan for <paramref name="threads"/> threads over a grid of <paramref name="rowBlock"/> × <paramref name="columnBlock"/> blocks.</summary>
    public CpuBlockPlan(int rows, int columns, int rowBlock, int columnBlock, int threads)
    {
        _rows = rows;
        _columns = columns;
        _rowBlock = rowBlock;
        _columnBlock = columnBlock;
        _rowBlocks = CeilingDivide(rows, rowBlock);
        int blocks = _rowBlocks * CeilingDivide(columns, columnBlock);
        int tailBlocks = rows == 1 || threads <= 1 ? 0 : blocks % threads; // a lone row is one tile high: nothing to cut
        _wholeBlocks = blocks - tailBlocks;
        _piecesPerTailBlock = tailBlocks == 0 ? 1 : CeilingDivide(threads, tailBlocks);
        Count = _wholeBlocks + (tailBlocks * _piecesPerTailBlock);
    }

    /// <summary>The number of blocks and pieces; a piece may be empty when its block has fewer tiles than pieces.</summary>
    public int Count { get; }

    /// <summary>The rows and columns of block or piece <paramref name="index"/>, as [start, end) pairs; the rows are empty for an empty piece.</summary>
    public (int RowStart, int RowEnd, int ColumnStart, int ColumnEnd) Block(int index)
    {
        int block = index < _wholeBlocks ? index : _wholeBlocks + ((index - _wholeBlocks) / _piecesPerTailBlock);
        int rowStart = block % _rowBlocks * _rowBlock;
        int rowEnd = Math.Min(rowStart + _rowBlock, _rows);
        int columnStart = block / _rowBlocks * _columnBlock;
        int columnEnd = Math.Min(columnStart + _columnBlock, _columns);
        if (index >= _wholeBlocks && _piecesPerTailBlock > 1)
        {
            int piece = (index - _wholeBlocks) % _piecesPerTailBlock;
            int tiles = CeilingDivide(rowEnd - rowStart, TileRows);
            int first = rowStart + (piece * tiles / _piecesPerTailBlock * TileRows);
            rowEnd = Math.Min(rowStart + ((piece + 1) * tiles / _piecesPerTailBlock * TileRows), rowEnd);
            rowStart = Math.Min(first, rowEnd);
        }

        return (rowStart, rowEnd, columnStart, columnEnd);
    }

    private const int TileRows = CpuTileScheduler.MinimumRowBlock;

    private static int CeilingDivide(int value, int divisor) => (value + divisor - 1) / divisor;
}
