namespace KernelGen.Conformance;

// Every (K, N) pair of the conformance sizes: tails of every tile width (1, 3, 61, 1023), exact
// multiples (64), and long chains (1000, 4097). Odd-K layers have no bias, so both forms run.

[Linear(1, 1, Bias = false)]
internal sealed partial class Linear1x1;

[Linear(1, 3, Bias = false)]
internal sealed partial class Linear1x3;

[Linear(1, 61, Bias = false)]
internal sealed partial class Linear1x61;

[Linear(1, 64, Bias = false)]
internal sealed partial class Linear1x64;

[Linear(1, 1000, Bias = false)]
internal sealed partial class Linear1x1000;

[Linear(1, 1023, Bias = false)]
internal sealed partial class Linear1x1023;

[Linear(1, 4097, Bias = false)]
internal sealed partial class Linear1x4097;

[Linear(3, 1, Bias = false)]
internal sealed partial class Linear3x1;

[Linear(3, 3, Bias = false)]
internal sealed partial class Linear3x3;

[Linear(3, 61, Bias = false)]
internal sealed partial class Linear3x61;

[Linear(3, 64, Bias = false)]
internal sealed partial class Linear3x64;

[Linear(3, 1000, Bias = false)]
internal sealed partial class Linear3x1000;

[Linear(3, 1023, Bias = false)]
internal sealed partial class Linear3x1023;

[Linear(3, 4097, Bias = false)]
internal sealed partial class Linear3x4097;

[Linear(61, 1, Bias = false)]
internal sealed partial class Linear61x1;

[Linear(61, 3, Bias = false)]
internal sealed partial class Linear61x3;

[Linear(61, 61, Bias = false)]
internal sealed partial class Linear61x61;

[Linear(61, 64, Bias = false)]
internal sealed partial class Linear61x64;

[Linear(61, 1000, Bias = false)]
internal sealed partial class Linear61x1000;

[Linear(61, 1023, Bias = false)]
internal sealed partial class Linear61x1023;

[Linear(61, 4097, Bias = false)]
internal sealed partial class Linear61x4097;

[Linear(64, 1)]
internal sealed partial class Linear64x1;

[Linear(64, 3)]
internal sealed partial class Linear64x3;

[Linear(64, 61)]
internal sealed partial class Linear64x61;

[Linear(64, 64)]
internal sealed partial class Linear64x64;

[Linear(64, 1000)]
internal sealed partial class Linear64x1000;

[Linear(64, 1023)]
internal sealed partial class Linear64x1023;

[Linear(64, 4097)]
internal sealed partial class Linear64x4097;

[Linear(1000, 1)]
internal sealed partial class Linear1000x1;

[Linear(1000, 3)]
internal sealed partial class Linear1000x3;

[Linear(1000, 61)]
internal sealed partial class Linear1000x61;

[Linear(1000, 64)]
internal sealed partial class Linear1000x64;

[Linear(1000, 1000)]
internal sealed partial class Linear1000x1000;

[Linear(1000, 1023)]
internal sealed partial class Linear1000x1023;

[Linear(1000, 4097)]
internal sealed partial class Linear1000x4097;

[Linear(1023, 1, Bias = false)]
internal sealed partial class Linear1023x1;

[Linear(1023, 3, Bias = false)]
internal sealed partial class Linear1023x3;

[Linear(1023, 61, Bias = false)]
internal sealed partial class Linear1023x61;

[Linear(1023, 64, Bias = false)]
internal sealed partial class Linear1023x64;

[Linear(1023, 1000, Bias = false)]
internal sealed partial class Linear1023x1000;

[Linear(1023, 1023, Bias = false)]
internal sealed partial class Linear1023x1023;

[Linear(1023, 4097, Bias = false)]
internal sealed partial class Linear1023x4097;

[Linear(4097, 1, Bias = false)]
internal sealed partial class Linear4097x1;

[Linear(4097, 3, Bias = false)]
internal sealed partial class Linear4097x3;

[Linear(4097, 61, Bias = false)]
internal sealed partial class Linear4097x61;

[Linear(4097, 64, Bias = false)]
internal sealed partial class Linear4097x64;

[Linear(4097, 1000, Bias = false)]
internal sealed partial class Linear4097x1000;

[Linear(4097, 1023, Bias = false)]
internal sealed partial class Linear4097x1023;

[Linear(4097, 4097, Bias = false)]
internal sealed partial class Linear4097x4097;
