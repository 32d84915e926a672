namespace KernelGen.Runtime.Tests.RowLayers;

// Row layers of every length the vector-path tests cover: rows shorter than one Vector128 (1), shorter
// than the 32 lanes (7, 31), exactly one lane set (32), one more (33), ragged tails (100, 1000) and model
// widths (384, 768). Residual twins come in pairs with a plain layer of the same flags, for the unfused chain.

[LayerNorm(1)]
public sealed partial class PathLayerNorm1;

[RmsNorm(1)]
public sealed partial class PathRmsNorm1;

[LayerNorm(7)]
public sealed partial class PathLayerNorm7;

[RmsNorm(7)]
public sealed partial class PathRmsNorm7;

[LayerNorm(31)]
public sealed partial class PathLayerNorm31;

[RmsNorm(31)]
public sealed partial class PathRmsNorm31;

[LayerNorm(32)]
public sealed partial class PathLayerNorm32;

[RmsNorm(32)]
public sealed partial class PathRmsNorm32;

[LayerNorm(33)]
public sealed partial class PathLayerNorm33;

[RmsNorm(33)]
public sealed partial class PathRmsNorm33;

[LayerNorm(100)]
public sealed partial class PathLayerNorm100;

[RmsNorm(100)]
public sealed partial class PathRmsNorm100;

[LayerNorm(384)]
public sealed partial class PathLayerNorm384;

[RmsNorm(384)]
public sealed partial class PathRmsNorm384;

[LayerNorm(768)]
public sealed partial class PathLayerNorm768;

[RmsNorm(768)]
public sealed partial class PathRmsNorm768;

[LayerNorm(1000)]
public sealed partial class PathLayerNorm1000;

[RmsNorm(1000)]
public sealed partial class PathRmsNorm1000;

[LayerNorm(7, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedLayerNorm7AfterNorm;

[LayerNorm(7, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedLayerNorm7BeforeNorm;

[RmsNorm(7, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedRmsNorm7AfterNorm;

[RmsNorm(7, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedRmsNorm7BeforeNorm;

[LayerNorm(33, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedLayerNorm33AfterNorm;

[LayerNorm(33, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedLayerNorm33BeforeNorm;

[RmsNorm(33, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedRmsNorm33AfterNorm;

[RmsNorm(33, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedRmsNorm33BeforeNorm;

[LayerNorm(768, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedLayerNorm768AfterNorm;

[LayerNorm(768, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedLayerNorm768BeforeNorm;

[RmsNorm(768, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedRmsNorm768AfterNorm;

[RmsNorm(768, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedRmsNorm768BeforeNorm;

[LayerNorm(1000, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedLayerNorm1000AfterNorm;

[LayerNorm(1000, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedLayerNorm1000BeforeNorm;

[RmsNorm(1000, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedRmsNorm1000AfterNorm;

[RmsNorm(1000, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedRmsNorm1000BeforeNorm;

[LayerNorm(33, Bias = false, Epsilon = 1e-3f)]
public sealed partial class PathLayerNorm33NoBias;

[LayerNorm(33, Bias = false, Epsilon = 1e-3f, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedLayerNorm33NoBiasAfterNorm;

[LayerNorm(100, ElementwiseAffine = false)]
public sealed partial class PathLayerNorm100Plain;

[LayerNorm(100, ElementwiseAffine = false, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedLayerNorm100PlainBeforeNorm;

[RmsNorm(100, ElementwiseAffine = false, Epsilon = 1e-6f)]
public sealed partial class PathRmsNorm100Plain;

[RmsNorm(100, ElementwiseAffine = false, Epsilon = 1e-6f, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedRmsNorm100PlainAfterNorm;

[Softmax(1)]
public sealed partial class PathSoftmax1;

[LogSoftmax(1)]
public sealed partial class PathLogSoftmax1;

[Softmax(7)]
public sealed partial class PathSoftmax7;

[LogSoftmax(7)]
public sealed partial class PathLogSoftmax7;

[Softmax(31)]
public sealed partial class PathSoftmax31;

[LogSoftmax(31)]
public sealed partial class PathLogSoftmax31;

[Softmax(32)]
public sealed partial class PathSoftmax32;

[LogSoftmax(32)]
public sealed partial class PathLogSoftmax32;

[Softmax(33)]
public sealed partial class PathSoftmax33;

[LogSoftmax(33)]
public sealed partial class PathLogSoftmax33;

[Softmax(100)]
public sealed partial class PathSoftmax100;

[LogSoftmax(100)]
public sealed partial class PathLogSoftmax100;

[Softmax(384)]
public sealed partial class PathSoftmax384;

[LogSoftmax(384)]
public sealed partial class PathLogSoftmax384;

[Softmax(768)]
public sealed partial class PathSoftmax768;

[LogSoftmax(768)]
public sealed partial class PathLogSoftmax768;

[Softmax(1000)]
public sealed partial class PathSoftmax1000;

[LogSoftmax(1000)]
public sealed partial class PathLogSoftmax1000;

// Rows longer than a warp's registers hold (LaneRow.Capacity = 1024): the GPU kernels read them at each pass.

[LayerNorm(1500)]
public sealed partial class PathLayerNorm1500;

[RmsNorm(1500)]
public sealed partial class PathRmsNorm1500;

[LayerNorm(1500, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedLayerNorm1500AfterNorm;

[LayerNorm(1500, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedLayerNorm1500BeforeNorm;

[RmsNorm(1500, Residual = ResidualAdd.AfterNorm)]
public sealed partial class FusedRmsNorm1500AfterNorm;

[RmsNorm(1500, Residual = ResidualAdd.BeforeNorm)]
public sealed partial class FusedRmsNorm1500BeforeNorm;
