namespace KernelGen.Runtime.Tests.Conv;

[Conv1d(inChannels: 3, outChannels: 5, kernelSize: 3, inputLength: 40)]
public sealed partial class Conv3to5;

[Conv1d(4, 6, 5, 37, Stride = 2, Padding = 3, Dilation = 2, Groups = 2)]
public sealed partial class ConvStridedGrouped;

[Conv1d(8, 8, 3, 33, Padding = 1, Groups = 8, Bias = false)]
public sealed partial class ConvDepthwise;

[Conv1d(16, 4, 1, 10)]
public sealed partial class ConvPointwise;
