using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace KernelGen.Generator.Tests;

/// <summary>A valid layer declaration and the name of the one file generated for it.</summary>
public sealed record LayerCase(string Name, string Source, string HintName);

/// <summary>Layer declarations whose generated text is snapshotted and compiled.</summary>
public static class Layers
{
    public static IReadOnlyList<LayerCase> All { get; } =
    [
        new(nameof(Projection), Projection, "Demo.Projection.Linear.g.cs"),
        new(nameof(HeadWithoutBias), HeadWithoutBias, "Demo.Heads.Head.Linear.g.cs"),
        new(nameof(NestedInClassAndRecord), NestedInClassAndRecord, "Demo.Models.Encoder.Block.Mlp.Linear.g.cs"),
        new(nameof(GlobalNamespace), GlobalNamespace, "Tiny.Linear.g.cs"),
        new(nameof(BlockNorm), BlockNorm, "Demo.BlockNorm.LayerNorm.g.cs"),
        new(nameof(RmsNormWithoutWeight), RmsNormWithoutWeight, "Demo.Rms.RmsNorm.g.cs"),
        new(nameof(ResidualLayerNorm), ResidualLayerNorm, "Demo.ResidualNorm.LayerNorm.g.cs"),
        new(nameof(PostNormRms), PostNormRms, "Demo.PostNorm.RmsNorm.g.cs"),
        new(nameof(GeluActivation), GeluActivation, "Demo.Mlp.Act.Activation.g.cs"),
        new(nameof(LinearWithGelu), LinearWithGelu, "Demo.MlpUp.Linear.g.cs"),
        new(nameof(ExactLinearWithGelu), ExactLinearWithGelu, "Demo.ExactMlp.Linear.g.cs"),
        new(nameof(OtherLayers), OtherLayers, "Demo.Vision.Conv.Conv1d.g.cs"),
    ];

    /// <summary>The names of <see cref="All"/>, as theory data (a name reads well in test results).</summary>
    public static TheoryData<string> Names { get; } = new(All.Select(layer => layer.Name));

    public static LayerCase Get(string name) => All.Single(layer => layer.Name == name);

    /// <summary>The README's example: a 1024 → 64 projection with a bias, in a file-scoped namespace.</summary>
    public const string Projection = """
        using KernelGen;

        namespace Demo;

        /// <summary>A projection.</summary>
        [Linear(inFeatures: 1024, outFeatures: 64)]
        public sealed partial class Projection;
        """;

    /// <summary>No bias, a width that is not a multiple of any tile, and an internal type in a block namespace.</summary>
    public const string HeadWithoutBias = """
        using KernelGen;

        namespace Demo.Heads
        {
            [Linear(inFeatures: 61, outFeatures: 3, Bias = false)]
            internal sealed partial class Head
            {
            }
        }
        """;

    /// <summary>A layer nested in a partial record nested in a partial class.</summary>
    public const string NestedInClassAndRecord = """
        using KernelGen;

        namespace Demo.Models;

        /// <summary>An encoder.</summary>
        public partial class Encoder
        {
            /// <summary>One block.</summary>
            public partial record Block
            {
                /// <summary>The block's MLP.</summary>
                [Linear(768, 768)]
                public sealed partial class Mlp;
            }
        }
        """;

    /// <summary>A layer in the global namespace.</summary>
    public const string GlobalNamespace = """
        /// <summary>A tiny layer.</summary>
        [KernelGen.Linear(16, 8, Bias = true)]
        public partial class Tiny;
        """;

    /// <summary>A LayerNorm over a model width, PyTorch's defaults.</summary>
    public const string BlockNorm = """
        using KernelGen;

        namespace Demo;

        /// <summary>A block's norm.</summary>
        [LayerNorm(768)]
        public sealed partial class BlockNorm;
        """;

    /// <summary>An RMSNorm without a weight and with its own ε.</summary>
    public const string RmsNormWithoutWeight = """
        using KernelGen;

        namespace Demo;

        [RmsNorm(features: 100, ElementwiseAffine = false, Epsilon = 1e-6f)]
        internal sealed partial class Rms;
        """;

    /// <summary>A LayerNorm fused with the residual add after it: x = x + LayerNorm(t).</summary>
    public const string ResidualLayerNorm = """
        using KernelGen;

        namespace Demo;

        /// <summary>The second norm of a pre-norm block, with the residual add.</summary>
        [LayerNorm(768, Residual = ResidualAdd.AfterNorm)]
        public sealed partial class ResidualNorm;
        """;

    /// <summary>An RMSNorm of the sum of its input and residual (post-norm), without a weight.</summary>
    public const string PostNormRms = """
        using KernelGen;

        namespace Demo;

        [RmsNorm(33, ElementwiseAffine = false, Residual = ResidualAdd.BeforeNorm)]
        internal sealed partial class PostNorm;
        """;

    /// <summary>A GELU activation nested in a partial class.</summary>
    public const string GeluActivation = """
        using KernelGen;

        namespace Demo;

        /// <summary>An MLP.</summary>
        public partial class Mlp
        {
            /// <summary>Its activation.</summary>
            [Activation(ActivationFunction.Gelu, 3072)]
            public sealed partial class Act;
        }
        """;

    /// <summary>An MLP's first layer with its GELU fused: the activation's epilogue in every CPU tile and GPU store.</summary>
    public const string LinearWithGelu = """
        using KernelGen;

        namespace Demo;

        /// <summary>nn.Sequential(nn.Linear(768, 3072), nn.GELU()).</summary>
        [Linear(768, 3072, Activation = ActivationFunction.Gelu)]
        public sealed partial class MlpUp;
        """;

    /// <summary>The exact tier (KG-Exact-1) with a fused GELU: the arithmetic reaches the base constructor.</summary>
    public const string ExactLinearWithGelu = """
        using KernelGen;

        namespace Demo;

        /// <summary>An MLP projection whose dot products no schedule can change.</summary>
        [Linear(768, 3072, Activation = ActivationFunction.Gelu, Arithmetic = KernelArithmetic.Exact)]
        public sealed partial class ExactMlp;
        """;

    /// <summary>Softmax, log-softmax, attention, embedding and batch norm declarations (one generated file each), with a strided, grouped Conv1d as the snapshot.</summary>
    public const string OtherLayers = """
        using KernelGen;

        namespace Demo.Vision;

        /// <summary>A strided, dilated, grouped convolution.</summary>
        [Conv1d(inChannels: 4, outChannels: 6, kernelSize: 5, inputLength: 37, Stride = 2, Padding = 3, Dilation = 2, Groups = 2)]
        public sealed partial class Conv;
        """;

    /// <summary>One declaration of every other layer attribute, compiled together (not snapshotted).</summary>
    public const string EveryOtherAttribute = """
        using KernelGen;

        namespace Demo.All;

        /// <summary>Softmax.</summary>
        [Softmax(1000)]
        public sealed partial class Probabilities;

        /// <summary>Log-softmax.</summary>
        [LogSoftmax(features: 50)]
        public sealed partial class LogProbabilities;

        /// <summary>Attention.</summary>
        [Attention(heads: 12, headDim: 64)]
        public sealed partial class SelfAttention;

        /// <summary>Embedding.</summary>
        [Embedding(30522, 768, PaddingIndex = 0)]
        public sealed partial class Words;

        /// <summary>BatchNorm1d.</summary>
        [BatchNorm1d(64, Momentum = 0.01f)]
        public sealed partial class Norm1d;

        /// <summary>BatchNorm2d.</summary>
        [BatchNorm2d(3, Affine = false)]
        public sealed partial class Norm2d;

        /// <summary>Batched MatMul.</summary>
        [MatMul(innerSize: 64, columns: 128)]
        public sealed partial class Scores;
        """;
}
