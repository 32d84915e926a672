// The 32 lanes of the canonical row reduction (docs/arithmetic.md, rule 2) on each vector path: lane j of
// the reduction is element j of the register set, so a 32-element chunk of a row loads straight into it.
global using LaneBlock128 = KernelGen.LanePair<KernelGen.LanePair<KernelGen.LanePair<KernelGen.Vector128Lanes>>>;
global using LaneBlock256 = KernelGen.LanePair<KernelGen.LanePair<KernelGen.Vector256Lanes>>;
global using LaneBlock512 = KernelGen.LanePair<KernelGen.Vector512Lanes>;

namespace KernelGen;

/// <summary>
/// Names the 32-lane sets of the vector paths: <c>LaneBlock512</c> is two <c>Vector512</c> registers,
/// <c>LaneBlock256</c> four <c>Vector256</c>, <c>LaneBlock128</c> eight <c>Vector128</c> (global aliases
/// of nested <see cref="LanePair{THalf}"/>s, declared in this file).
/// </summary>
internal static class LaneBlocks
{
    /// <summary>The lanes of every block: <see cref="CanonicalReduction.Lanes"/>.</summary>
    public const int Lanes = CanonicalReduction.Lanes;
}
