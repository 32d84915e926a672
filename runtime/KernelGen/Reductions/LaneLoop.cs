using ILGPU;

namespace KernelGen;

/// <summary>
/// The same visits as <see cref="LaneRow"/> for rows longer than <see cref="LaneRow.Capacity"/>: each element is
/// read from memory when it is visited (a loop, so one load in flight per lane at a time).
/// </summary>
internal static class LaneLoop
{
    /// <summary>Loads and visits this lane's elements of a row in ascending order.</summary>
    /// <typeparam name="TVisitor">What is done with each element.</typeparam>
    /// <param name="visitor">The visitor.</param>
    /// <param name="source">All rows.</param>
    /// <param name="rowStart">Where the row starts in <paramref name="source"/>.</param>
    /// <param name="lane">The lane, 0 to 31.</param>
    /// <param name="features">The row length.</param>
    public static void Visit<TVisitor>(ref TVisitor visitor, ArrayView<float> source, long rowStart, int lane, int features)
        where TVisitor : struct, ILaneVisitor
    {
        for (int i = lane; i < features; i += CanonicalReduction.Lanes)
        {
            float value = source[rowStart + i];
            visitor.Visit(ref value, i);
        }
    }
}
