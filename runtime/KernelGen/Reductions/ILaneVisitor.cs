namespace KernelGen;

/// <summary>
/// What a GPU row kernel does with each element a lane owns (<see cref="LaneRow.Visit{TVisitor}"/>, or
/// <see cref="LaneLoop.Visit{TVisitor}"/> for rows longer than the registers hold), in the lane's canonical order.
/// </summary>
internal interface ILaneVisitor
{
    /// <summary>Visits element <paramref name="index"/> of the row: reads, accumulates, replaces or stores <paramref name="value"/>.</summary>
    /// <param name="value">The element as held so far (a register, or a value just loaded).</param>
    /// <param name="index">Its position in the row.</param>
    void Visit(ref float value, int index);
}
