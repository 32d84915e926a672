using System;

namespace KernelGen;

/// <summary>
/// The blocks a forward pass is cut into: <see cref="RowBlocks"/> × <see cref="ColumnBlocks"/> rectangles that
/// tile rows × columns without overlap, numbered column block outer (consecutive blocks share their weight
/// columns). On one thread they are the fixed sizes of <see cref="CpuTileScheduler.BlockSizes"/>, the last of each
/// kind shorter. On several threads the counts are the same or a little higher, so that the number of blocks is a
/// multiple of the thread count where it can be, and the rows and columns are shared evenly: every row block within
/// <see cref="RowGranule"/> rows of the others, every column block within one
/// <see cref="LinearLayer.CpuColumnAlignment"/> of the others, so that threads taking blocks one after another finish
/// together. A block computes whole outputs over their whole dot products, so no cut changes a bit.
/// </summary>
internal readonly record struct CpuBlockGrid(int Rows, int Columns, int RowBlocks, int ColumnBlocks, int RowBlock, int ColumnBlock, bool Even)
{
    /// <summary>An even share of rows starts on a multiple of this: its leftover rows after whole main tiles are 4 or 8 (tiles of 4, or 6 and 2), never a 1-row tile.</summary>
    public const int RowGranule = 4;

    /// <summary>The smallest even row block: two <see cref="RowGranule"/>s.</summary>
    public const int MinimumEvenRows = 2 * RowGranule;

    /// <summary>The number of blocks.</summary>
    public int Count => RowBlocks * ColumnBlocks;

    /// <summary>The first row of row block <paramref name="index"/> (<see cref="Rows"/> for <see cref="RowBlocks"/>).</summary>
    public int RowStart(int index) =>
        index >= RowBlocks ? Rows
        : Even ? (int)((long)index * Rows / RowBlocks) / RowGranule * RowGranule
        : index * RowBlock;

    /// <summary>The first column of column block <paramref name="index"/> (<see cref="Columns"/> for <see cref="ColumnBlocks"/>).</summary>
    public int ColumnStart(int index) =>
        index >= ColumnBlocks ? Columns
        : Even ? (int)((long)index * ColumnUnits / ColumnBlocks) * LinearLayer.CpuColumnAlignment
        : index * ColumnBlock;

    /// <summary>Block <paramref name="block"/>'s rows and columns, as [start, end) pairs.</summary>
    public (int RowStart, int RowEnd, int ColumnStart, int ColumnEnd) Block(int block)
    {
        int row = block % RowBlocks;
        int column = block / RowBlocks;
        return (RowStart(row), RowStart(row + 1), ColumnStart(column), ColumnStart(column + 1));
    }

    private int ColumnUnits => (Columns + LinearLayer.CpuColumnAlignment - 1) / LinearLayer.CpuColumnAlignment;

    /// <summary>
    /// The grid for <paramref name="threads"/> threads from the block sizes of <see cref="CpuTileScheduler.BlockSizes"/>:
    /// their fixed sizes on one thread or for a lone row; else even shares, with the row blocks raised (up to rows of
    /// <see cref="MinimumEvenRows"/>) until the count is a multiple of <paramref name="threads"/>.
    /// </summary>
    public static CpuBlockGrid For(int rows, int columns, int rowBlock, int columnBlock, int threads)
    {
        int rowBlocks = (rows + rowBlock - 1) / rowBlock;
        int columnBlocks = (columns + columnBlock - 1) / columnBlock;
        if (threads <= 1 || rows == 1)
        {
            return new CpuBlockGrid(rows, columns, rowBlocks, columnBlocks, rowBlock, columnBlock, Even: false);
        }

        int mostRowBlocks = Math.Max(rowBlocks, rows / MinimumEvenRows);
        for (int candidate = rowBlocks; candidate <= mostRowBlocks; candidate++)
        {
            if (candidate * columnBlocks % threads == 0)
            {
                rowBlocks = candidate;
                break;
            }
        }

        return new CpuBlockGrid(rows, columns, rowBlocks, columnBlocks, rowBlock, columnBlock, Even: true);
    }
}
