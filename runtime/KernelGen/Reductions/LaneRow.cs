using ILGPU;

namespace KernelGen;

/// <summary>
/// The elements of one row that lane <c>lane</c> of a warp owns in the canonical reduction (elements
/// <c>lane</c>, <c>lane + 32</c>, …, up to <see cref="Capacity"/> elements a row), held in registers: a row is read
/// from memory once, then every pass (sums, deviations, outputs) visits the registers in the lane's canonical
/// order. Each slot is written out as its own field and step, so ILGPU (which does not unroll loops) hands
/// <c>ptxas</c> straight-line code: all the row's loads are issued before the first add waits for one.
/// </summary>
/// <remarks>
/// A slot past the row's end is never visited. With the row length a compile-time constant that is a multiple of
/// 32 (the kernels pass their declared shape), each slot's test folds to a constant and no branch is left.
/// </remarks>
internal struct LaneRow
{
    /// <summary>The longest row a lane's registers hold: 32 elements for each of the 32 lanes.</summary>
    public const int Capacity = Slots * CanonicalReduction.Lanes;

    /// <summary>Registers per lane.</summary>
    public const int Slots = 32;

    private float _0;
    private float _1;
    private float _2;
    private float _3;
    private float _4;
    private float _5;
    private float _6;
    private float _7;
    private float _8;
    private float _9;
    private float _10;
    private float _11;
    private float _12;
    private float _13;
    private float _14;
    private float _15;
    private float _16;
    private float _17;
    private float _18;
    private float _19;
    private float _20;
    private float _21;
    private float _22;
    private float _23;
    private float _24;
    private float _25;
    private float _26;
    private float _27;
    private float _28;
    private float _29;
    private float _30;
    private float _31;

    /// <summary>Visits this lane's elements in ascending order: slot s holds element <c>lane + 32·s</c>.</summary>
    /// <typeparam name="TVisitor">What is done with each element, specialized at compile time.</typeparam>
    /// <param name="visitor">The visitor, which may keep state (a partial sum).</param>
    /// <param name="lane">The lane, 0 to 31.</param>
    /// <param name="features">The row length, at most <see cref="Capacity"/>.</param>
    public void Visit<TVisitor>(ref TVisitor visitor, int lane, int features)
        where TVisitor : struct, ILaneVisitor
    {
        Step(ref visitor, ref _0, 0, lane, features);
        Step(ref visitor, ref _1, 32, lane, features);
        Step(ref visitor, ref _2, 64, lane, features);
        Step(ref visitor, ref _3, 96, lane, features);
        Step(ref visitor, ref _4, 128, lane, features);
        Step(ref visitor, ref _5, 160, lane, features);
        Step(ref visitor, ref _6, 192, lane, features);
        Step(ref visitor, ref _7, 224, lane, features);
        Step(ref visitor, ref _8, 256, lane, features);
        Step(ref visitor, ref _9, 288, lane, features);
        Step(ref visitor, ref _10, 320, lane, features);
        Step(ref visitor, ref _11, 352, lane, features);
        Step(ref visitor, ref _12, 384, lane, features);
        Step(ref visitor, ref _13, 416, lane, features);
        Step(ref visitor, ref _14, 448, lane, features);
        Step(ref visitor, ref _15, 480, lane, features);
        Step(ref visitor, ref _16, 512, lane, features);
        Step(ref visitor, ref _17, 544, lane, features);
        Step(ref visitor, ref _18, 576, lane, features);
        Step(ref visitor, ref _19, 608, lane, features);
        Step(ref visitor, ref _20, 640, lane, features);
        Step(ref visitor, ref _21, 672, lane, features);
        Step(ref visitor, ref _22, 704, lane, features);
        Step(ref visitor, ref _23, 736, lane, features);
        Step(ref visitor, ref _24, 768, lane, features);
        Step(ref visitor, ref _25, 800, lane, features);
        Step(ref visitor, ref _26, 832, lane, features);
        Step(ref visitor, ref _27, 864, lane, features);
        Step(ref visitor, ref _28, 896, lane, features);
        Step(ref visitor, ref _29, 928, lane, features);
        Step(ref visitor, ref _30, 960, lane, features);
        Step(ref visitor, ref _31, 992, lane, features);
    }

    private static void Step<TVisitor>(ref TVisitor visitor, ref float value, int offset, int lane, int features)
        where TVisitor : struct, ILaneVisitor
    {
        if (features % CanonicalReduction.Lanes == 0 ? offset < features : offset + lane < features)
        {
            visitor.Visit(ref value, offset + lane);
        }
    }
}
