using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelGen.Generator.Tests.Robustness;

/// <summary>
/// Seeded sources for the generator property test: valid declarations in every spelling the
/// generator should accept, deliberately broken ones, every prefix of a valid source cut at a token
/// boundary (what the IDE feeds the generator while one types), and random token edits.
/// </summary>
internal sealed class DeclarationCorpus(int seed)
{
    private static readonly string[] Shapes = ["1", "2", "3", "16", "31", "32", "33", "61", "64", "100", "1024", "4097"];

    private static readonly string[] BadArguments =
    [
        "", "()", "(1)", "(1, 2, 3)", "(\"a\", 2)", "(1.5, 2)", "(true, 2)", "(null, 2)", "(default, 2)", "(default(int), 0)",
        "(int.MaxValue, int.MaxValue)", "(int.MinValue, 1)", "(1, int.MinValue)", "(-1, 0)", "(0, 0)", "(2147483648, 1)", "(1048577, 1)",
        "(1048576, 1048576)", "(4294967295u, 1)", "(1L, 2)", "(1, 2, Bias = 1)", "(1, 2, Bias = null)", "(1, 2, Bias = \"no\")",
        "(1, 2, Foo = 3)", "(inFeatures: 1, inFeatures: 2)", "(x: 1, y: 2)", "(1 / 0, 2)", "(checked(int.MaxValue + 1), 2)",
        "(unchecked(int.MaxValue + 1), 2)", "(nameof(System), 2)", "(typeof(int), 2)", "(1, 2, Bias = false, Bias = true)",
        "(sizeof(long), 2)", "(Undefined.Value, 2)", "(outFeatures: 3)", "(inFeatures: 1, 2)", "(outFeatures: 2, 1)", "(1,)", "(,2)",
        "(1 << 31, 1)", "((int)1e10, 1)", "((int)double.NaN, 1)", "(InFeatures = 3, OutFeatures = 4)", "(1, 2, Bias: false)",
        "(new int[] { 1 }, 2)", "(1, 2) { }", "(1, 2, Activation = (ActivationFunction)6)", "(1, 2, Activation = (ActivationFunction)(-1))",
        "(1, 2, Activation = (ActivationFunction)int.MaxValue)", "(1, 2, Activation = 1)", "(1, 2, Activation = null)", "(1, 2, Activation = ActivationFunction.Gelu, Activation = ActivationFunction.Relu)",
        "(1, 2, Activation = ActivationFunction.Undefined)", "(1, 2, Activation: ActivationFunction.Gelu)", "(0, 2, Activation = (ActivationFunction)9)",
    ];

    private static readonly string[] ActivationFunctions = ["Relu", "Gelu", "GeluTanh", "Silu", "Tanh", "Sigmoid"];

    private static readonly string[] BadTargets =
    [
        "public partial struct {0} {{ }}", "public partial record {0};", "public partial record struct {0};", "public partial interface {0} {{ }}",
        "public enum {0} {{ A }}", "public delegate void {0}();", "public class {0} {{ }}", "public static partial class {0} {{ }}",
        "public abstract partial class {0} {{ }}", "public partial class {0}<T> {{ }}", "public partial class {0} : KernelGen.LinearLayer {{ }}",
        "public partial class {0} : System.Exception {{ }}", "public partial class {0} : System.IDisposable {{ }}", "public partial class {0} : Undefined {{ }}",
        "file sealed partial class {0} {{ }}", "public unsafe partial class {0} {{ }}", "internal sealed partial class {0} {{ public {0}(int x) {{ }} }}",
        "public sealed partial class {0} {{ public override string ToString() => \"\"; }}", "public partial class {0} where T : class {{ }}",
        "public partial class @class {{ }}", "public partial class Проекция {{ }}", "public partial class {0} {{ partial void M(); }}",
        "public sealed partial class {0}(int size) {{ }}", "public sealed partial class {0} {{ public {0}(ulong seed) {{ }} }}",
    ];

    private static readonly string[] Insertions = ["{", "}", "(", ")", ";", ",", "[", "]", "partial", "class", "Linear", "1", "-", "\"", "namespace", "using", "=", ":", "<", ">", "static", "record"];

    private readonly Random _random = new(seed);
    private int _next;

    /// <summary>A valid declaration: random shape and bias, attribute spelling, namespace form and containing types.</summary>
    public string Valid()
    {
        string name = Name();
        string shapeIn = Pick(Shapes), shapeOut = Pick(Shapes);
        string arguments = _random.Next(5) switch
        {
            0 => $"{shapeIn}, {shapeOut}",
            1 => $"inFeatures: {shapeIn}, outFeatures: {shapeOut}",
            2 => $"outFeatures: {shapeOut}, inFeatures: {shapeIn}",
            3 => $"{shapeIn} * 2, 1 << 4",
            _ => $"Sizes.In, Sizes.Out",
        };
        arguments += _random.Next(3) switch { 0 => "", 1 => ", Bias = true", _ => ", Bias = false" };
        arguments += _random.Next(3) == 0 ? $", Activation = global::KernelGen.ActivationFunction.{Pick(ActivationFunctions)}" : "";
        (string usings, string attribute) = _random.Next(6) switch
        {
            0 => ("using KernelGen;", "Linear"),
            1 => ("using KernelGen;", "LinearAttribute"),
            2 => ("", "KernelGen.Linear"),
            3 => ("", "global::KernelGen.LinearAttribute"),
            4 => ("using L = KernelGen.LinearAttribute;", "L"),
            _ => ("using static System.Math;\nusing KernelGen;", "Linear"),
        };
        string modifiers = Pick(["public sealed", "internal sealed", "public", "internal", "sealed", ""]);
        string declaration = $"[{attribute}({arguments})]\n{modifiers} partial class {name}{(_random.Next(2) == 0 ? ";" : " { }")}";
        string sizes = "static class Sizes { public const int In = 8; public const int Out = 3; }";
        for (int depth = _random.Next(3); depth > 0; depth--)
        {
            string container = Pick(["partial class", "partial struct", "partial record", "partial record struct", "partial interface", "static partial class"]);
            declaration = $"public {container} Outer{depth}{Id()}\n{{\n{declaration}\n}}";
        }

        return _random.Next(4) switch
        {
            0 => $"{usings}\n{sizes}\n{declaration}",
            1 => $"{usings}\nnamespace N{Id()}.Inner;\n{sizes}\n{declaration}",
            2 => $"{usings}\nnamespace N{Id()}\n{{\n{sizes}\n{declaration}\n}}",
            _ => $"{usings}\nnamespace A{Id()} {{ namespace B {{\n{sizes}\n{declaration}\n}} }}",
        };
    }

    /// <summary>
    /// A declaration of another layer attribute (LayerNorm, RmsNorm, Activation), valid or broken:
    /// arguments from a list of good and bad ones, on a valid or a wrong target.
    /// </summary>
    public string OtherLayer()
    {
        string name = Name();
        (string attribute, string[] arguments) = OtherLayerArguments[_random.Next(OtherLayerArguments.Length)];
        string target = _random.Next(4) == 0
            ? string.Format(CultureInfo.InvariantCulture, Pick(BadTargets), name)
            : $"public sealed partial class {name};";
        return $"using KernelGen;\nnamespace N{Id()};\n[{attribute}{Pick(arguments)}]\n{target}";
    }

    private static readonly (string Attribute, string[] Arguments)[] OtherLayerArguments =
    [
        ("LayerNorm", ["(768)", "(1)", "(features: 33, Epsilon = 1e-3f)", "(5, Bias = false)", "(8, ElementwiseAffine = false)", "", "()", "(0)", "(-1)", "(1048577)",
            "(768, Epsilon = -1f)", "(768, Epsilon = float.NaN)", "(768, Epsilon = float.PositiveInfinity)", "(768, Epsilon = 1)", "(768, Bias = 1)",
            "(\"a\")", "(768, ElementwiseAffine = null)", "(1.5)", "(768, 2)", "(int.MaxValue)", "(768, Epsilon = 1e-5)", "(768, Foo = 1)"]),
        ("RmsNorm", ["(100)", "(1, ElementwiseAffine = false, Epsilon = 1e-6f)", "()", "(0)", "(100, Bias = false)", "(100, Epsilon = float.NegativeInfinity)",
            "(100, Epsilon = -0f)", "(100, Epsilon = float.Epsilon)", "(int.MinValue)"]),
        ("Activation", ["(ActivationFunction.Gelu, 768)", "(ActivationFunction.Relu, 1)", "(ActivationFunction.Sigmoid, features: 5)", "(function: ActivationFunction.Tanh, features: 3)",
            "(ActivationFunction.Gelu)", "((ActivationFunction)42, 8)", "((ActivationFunction)(-1), 8)", "(ActivationFunction.Relu, 0)", "(8, ActivationFunction.Relu)",
            "(ActivationFunction.Silu, int.MaxValue)", "(null, 3)", "(ActivationFunction.Undefined, 3)", "(default, 4)", "(0, 4)", "()"]),
        ("MatMul", ["(64, 128)", "(1, 1)", "(0, 5)", "(5, -1)", "(5)", "(innerSize: 3, columns: 4)", "(1 << 21, 2)"]),
        ("Softmax", ["(1000)", "(1)", "(0)", "(-5)", "()", "(1, 2)", "(2000000)"]),
        ("LogSoftmax", ["(features: 50)", "(int.MinValue)", "(\"x\")"]),
        ("Attention", ["(12, 64)", "(heads: 1, headDim: 1)", "(0, 64)", "(2048, 1024)", "(4)", "(4, 64, 1)", "(-1, -1)", "(1048576, 2)"]),
        ("Embedding", ["(30522, 768)", "(10, 4, PaddingIndex = 0)", "(10, 4, PaddingIndex = 10)", "(10, 4, PaddingIndex = -2)", "(1 << 20, 1 << 20)", "(0, 4)", "(10)"]),
        ("BatchNorm1d", ["(64)", "(64, Momentum = 0f)", "(64, Momentum = 1.5f)", "(64, Momentum = float.NaN)", "(64, Epsilon = -1f)", "(0)", "(64, Affine = 2)"]),
        ("BatchNorm2d", ["(3, Affine = false)", "(3, Epsilon = float.PositiveInfinity)", "()", "(3, 4)"]),
        ("Conv1d", ["(3, 5, 3, 40)", "(4, 6, 5, 37, Stride = 2, Padding = 3, Dilation = 2, Groups = 2)", "(8, 8, 3, 33, Padding = 1, Groups = 8, Bias = false)",
            "(4, 6, 3, 20, Groups = 4)", "(4, 6, 9, 5, Dilation = 2)", "(4, 6, 3, 20, Stride = 0)", "(4, 6, 3, 20, Padding = -1)", "(4, 6, 3, 20, Groups = 0)",
            "(1 << 20, 1 << 20, 3, 20)", "(4, 6, 3)", "(1024, 1024, 1024, 1024)", "(4, 6, 3, 20, Dilation = int.MaxValue)", "(4, 6, 3, 20, Padding = int.MaxValue)"]),
    ];

    /// <summary>A declaration broken on purpose: bad arguments, a wrong target, or a duplicate.</summary>
    public string[] Broken()
    {
        string name = Name();
        switch (_random.Next(6))
        {
            case 0:
            case 1:
                return [$"using KernelGen;\n[Linear{Pick(BadArguments)}]\npublic sealed partial class {name};"];
            case 2:
                return [$"using KernelGen;\nnamespace N;\n[Linear(4, 3)]\n" + string.Format(CultureInfo.InvariantCulture, Pick(BadTargets), name)];
            case 3:
                return [Pick([
                    $"using KernelGen;\npublic partial class {name} {{ [Linear(4, 3)] public void M() {{ }} [Linear(4, 3)] public int P {{ get; set; }} [Linear(4, 3)] int _f; }}",
                    $"using KernelGen;\n[assembly: Linear(4, 3)]\n[module: Linear(4, 3)]\npublic partial class {name} {{ [return: Linear(1, 2)] int M([Linear(1, 2)] int x) => x; }}",
                    $"using KernelGen;\npublic partial class {name} {{ void M() {{ var f = [Linear(4, 3)] () => 1; [Linear(4, 3)] void Local() {{ }} }} }}",
                    $"using KernelGen;\n[Linear(4, 3)][Linear(5, 6)]\npublic sealed partial class {name};",
                    $"using KernelGen;\n[Linear(4, 3), Linear(5, 6)]\npublic sealed partial class {name};",
                    $"using KernelGen;\npublic partial class Outer<T> {{ [Linear(4, 3)] public sealed partial class {name}; }}",
                    $"using KernelGen;\npublic class Outer {{ [Linear(4, 3)] public sealed partial class {name}; }}",
                    $"using KernelGen;\npublic partial class Outer {{ public partial class Middle<T> {{ public partial class Inner {{ [Linear(4, 3)] public sealed partial class {name}; }} }} }}",
                    $"namespace KernelGen {{ public sealed class LinearAttribute : System.Attribute {{ public LinearAttribute(int a, int b) {{ }} }} }}\n[KernelGen.Linear(4, 3)]\npublic sealed partial class {name};",
                    $"namespace Mine {{ public sealed class Linear : System.Attribute {{ }} }}\nnamespace App {{ using Mine; using KernelGen; [Linear(4, 3)] public sealed partial class {name}; }}",
                    $"using KernelGen;\n[Linear(4, 3)]\npublic sealed partial class Linear;",
                    $"using KernelGen;\nnamespace KernelGen;\n[Linear(4, 3)]\npublic sealed partial class {name};",
                ])];
            case 4:
                // The same type declared twice, and two types of one name in two files.
                return
                [
                    $"using KernelGen;\nnamespace D;\n[Linear(4, 3)]\npublic sealed partial class {name};\n[Linear(8, 2)]\npublic sealed partial class {name};",
                    $"using KernelGen;\nnamespace D;\npublic sealed partial class {name} {{ }}",
                ];
            default:
                return
                [
                    $"using KernelGen;\nnamespace D;\n[Linear(4, 3)]\npublic sealed partial class {name};",
                    $"using KernelGen;\nnamespace D;\n[Linear(4, 3)]\npublic sealed partial class {name};",
                ];
        }
    }

    /// <summary>Every prefix of <paramref name="source"/> that ends at a token boundary, shortest first.</summary>
    public static IEnumerable<string> Prefixes(string source)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source);
        foreach (SyntaxToken token in tree.GetRoot().DescendantTokens())
        {
            yield return source[..token.Span.Start];
            yield return source[..token.Span.End];
        }
    }

    /// <summary>A valid source with 1–3 tokens deleted, duplicated, swapped or inserted.</summary>
    public string Mutated()
    {
        string source = Valid();
        for (int edits = 1 + _random.Next(3); edits > 0; edits--)
        {
            SyntaxToken[] tokens = [.. CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0)];
            if (tokens.Length < 2)
            {
                break;
            }

            SyntaxToken token = tokens[_random.Next(tokens.Length)];
            string text = token.Text;
            int start = token.Span.Start, end = token.Span.End;
            source = _random.Next(4) switch
            {
                0 => source[..start] + source[end..],
                1 => source[..end] + " " + text + source[end..],
                2 => source[..start] + " " + Pick(Insertions) + " " + source[start..],
                _ => SwapWithNext(source, tokens, Array.IndexOf(tokens, token)),
            };
        }

        return source;
    }

    private static string SwapWithNext(string source, SyntaxToken[] tokens, int index)
    {
        if (index + 1 >= tokens.Length)
        {
            return source;
        }

        SyntaxToken a = tokens[index], b = tokens[index + 1];
        return source[..a.Span.Start] + b.Text + source[a.Span.End..b.Span.Start] + a.Text + source[b.Span.End..];
    }

    private string Name() => "Layer" + Id();

    private string Id() => (_next++).ToString(CultureInfo.InvariantCulture);

    private string Pick(string[] options) => options[_random.Next(options.Length)];
}
