using ILGPU;

namespace KernelGen;

/// <summary>
/// The canonical row reduction inside a GPU kernel (docs/arithmetic.md, rule 2), for a group of
/// exactly <see cref="CanonicalReduction.Lanes"/> threads in X: thread j passes its lane partial
/// (the in-order sum of elements j, j + 32, …) and every thread gets the tree's result, the same
/// bits as <see cref="CanonicalReduction"/> on the CPU.
/// </summary>
/// <remarks>
/// Every thread of the group must call these together (they contain barriers). <c>scratch</c> is
/// 32 floats of shared memory, which the call may reuse as soon as it returns.
/// </remarks>
public static class GroupReduction
{
    /// <summary>The canonical sum of the group's lane partials.</summary>
    /// <typeparam name="TMath">The kernel's arithmetic: additions are never fused.</typeparam>
    /// <param name="partial">This thread's lane partial.</param>
    /// <param name="scratch">32 floats of shared memory.</param>
    public static float Sum<TMath>(float partial, ArrayView<float> scratch)
        where TMath : struct, IKernelMath
    {
        TMath math = default;
        int lane = Group.IdxX;
        scratch[lane] = partial;
        Group.Barrier();
        for (int offset = CanonicalReduction.Lanes / 2; offset > 0; offset /= 2)
        {
            if (lane < offset)
            {
                scratch[lane] = math.Add(scratch[lane], scratch[lane + offset]);
            }

            Group.Barrier();
        }

        float total = scratch[0];
        Group.Barrier(); // every thread has read the total before anyone reuses the scratch
        return total;
    }

    /// <summary>The canonical maximum of the group's lane partials (<see cref="CanonicalReduction.Max(float, float)"/> at each step).</summary>
    /// <param name="partial">This thread's lane maximum.</param>
    /// <param name="scratch">32 floats of shared memory.</param>
    public static float Max(float partial, ArrayView<float> scratch)
    {
        int lane = Group.IdxX;
        scratch[lane] = partial;
        Group.Barrier();
        for (int offset = CanonicalReduction.Lanes / 2; offset > 0; offset /= 2)
        {
            if (lane < offset)
            {
                scratch[lane] = CanonicalReduction.Max(scratch[lane], scratch[lane + offset]);
            }

            Group.Barrier();
        }

        float total = scratch[0];
        Group.Barrier();
        return total;
    }
}
