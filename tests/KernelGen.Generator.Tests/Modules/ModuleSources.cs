namespace KernelGen.Generator.Tests.Modules;

/// <summary>Module declarations shared by the module tests.</summary>
internal static class ModuleSources
{
    /// <summary>The generated layers the modules hold.</summary>
    public const string Layers = """
        using KernelGen;

        namespace Demo.Text;

        /// <summary>The first norm.</summary>
        [LayerNorm(8)]
        public sealed partial class Ln1;

        /// <summary>The second norm.</summary>
        [LayerNorm(8)]
        public sealed partial class Ln2;

        /// <summary>The up projection.</summary>
        [Linear(8, 16)]
        public sealed partial class Fc1;

        /// <summary>The down projection.</summary>
        [Linear(16, 8)]
        public sealed partial class Fc2;

        /// <summary>The word embeddings.</summary>
        [Embedding(100, 8)]
        public sealed partial class Words;
        """;

    /// <summary>
    /// A block of layers (one renamed by <c>[StateName]</c>, members that are not children beside them), a stack of
    /// blocks in an array and in collections nested in a partial class, and a module deriving from the stack.
    /// </summary>
    public const string Modules = """
        using System.Collections.Generic;
        using KernelGen;

        namespace Demo.Text;

        /// <summary>A transformer block.</summary>
        [Module]
        public sealed partial class Block : Module
        {
            private readonly Ln1 _ln1 = new();
            private readonly Fc1 _fc1 = new();
            private readonly int _width = 8;
            private static readonly Fc2 Shared = new();
            private readonly Fc2 m_fc2 = new();

            /// <summary>The second norm, named as the checkpoint spells it.</summary>
            [StateName("LayerNorm")]
            public Ln2 Norm { get; } = new();

            /// <summary>Not a child: computed from one.</summary>
            public Ln1 FirstNorm => _ln1;

            /// <summary>The width.</summary>
            public int Width => _width + Shared.GetHashCode() * 0;
        }

        /// <summary>Holds the stack.</summary>
        public partial class Encoder
        {
            /// <summary>Embeddings and blocks.</summary>
            [Module]
            public partial class Stack : Module
            {
                private readonly Words _embeddings = new();
                private readonly Block[] _blocks = [new(), new()];

                /// <summary>More blocks.</summary>
                public List<Block> ExtraBlocks { get; } = [new()];

                /// <summary>The last norms.</summary>
                public IReadOnlyList<Ln1> FinalNorms { get; init; } = [new()];
            }

            /// <summary>A stack with a head.</summary>
            [Module]
            public sealed partial class Tagged : Stack
            {
                private readonly Fc1 _head = new();
            }
        }
        """;
}
