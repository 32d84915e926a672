using System.Runtime.Intrinsics;
using Pairs128 = KernelGen.VectorDetMath<KernelGen.PairedWidth<KernelGen.SimdWidth128, System.Runtime.Intrinsics.Vector128<float>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector128<double>>>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector128<float>>, KernelGen.VectorPair<KernelGen.VectorPair<System.Runtime.Intrinsics.Vector128<double>>>>;
using Pairs256 = KernelGen.VectorDetMath<KernelGen.PairedWidth<KernelGen.SimdWidth256, System.Runtime.Intrinsics.Vector256<float>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector256<double>>>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector256<float>>, KernelGen.VectorPair<KernelGen.VectorPair<System.Runtime.Intrinsics.Vector256<double>>>>;
using Pairs512 = KernelGen.VectorDetMath<KernelGen.PairedWidth<KernelGen.SimdWidth512, System.Runtime.Intrinsics.Vector512<float>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector512<double>>>, KernelGen.VectorPair<System.Runtime.Intrinsics.Vector512<float>>, KernelGen.VectorPair<KernelGen.VectorPair<System.Runtime.Intrinsics.Vector512<double>>>>;

namespace KernelGen;

// The vector forms on two vectors at once (PairedWidth): the same bits as the one-vector forms, lane for
// lane, with four dependency chains interleaved instead of two. The kernels that have two vectors at hand
// (softmax's 32-lane blocks, attention's rows padded to 32 lanes) call these.
public static partial class DetMath
{
    /// <summary><see cref="Exp(float)"/> on the lanes of two vectors.</summary>
    internal static VectorPair<Vector512<float>> Exp(VectorPair<Vector512<float>> x) => Pairs512.Exp(x);

    /// <summary><see cref="Exp(float)"/> on the lanes of two vectors.</summary>
    internal static VectorPair<Vector256<float>> Exp(VectorPair<Vector256<float>> x) => Pairs256.Exp(x);

    /// <summary><see cref="Exp(float)"/> on the lanes of two vectors.</summary>
    internal static VectorPair<Vector128<float>> Exp(VectorPair<Vector128<float>> x) => Pairs128.Exp(x);
}
