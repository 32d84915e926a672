using System;
using System.Globalization;
using System.Linq;

namespace KernelGen.Benchmarks;

/// <summary>A whole model the console modes run.</summary>
internal enum WholeModel
{
    /// <summary>The 20-block residual stack, 1 × 1024 × 768.</summary>
    Stack,

    /// <summary>The MiniLM-shaped encoder, 32 × 128 tokens, no padding.</summary>
    Encoder,

    /// <summary>The same encoder with sentences of 16 to 128 tokens padded to 128.</summary>
    EncoderPadded,

    /// <summary>The residual stack with PyTorch's default <c>nn.Linear</c> initialisation (GELU inputs near N(0, 0.6)).</summary>
    StackDefaultInit,
}

/// <summary>The command line of <c>--scaling</c> and <c>--profile</c>.</summary>
internal sealed record ModeOptions(int[] Threads, int Passes, WholeModel[] Models, string? JsonPath, bool Unfused = false)
{
    public const string Usage =
        "usage: --scaling|--profile [--threads 1,2,4,8,16] [--passes N] [--models stack,encoder,encoder-padded,stack-default-init] [--json FILE] [--unfused]";

    /// <summary>The defaults: fused layers; ONNX Runtime's side does not depend on the options.</summary>
    public static ModeOptions Default { get; } = new([1], 1, Enum.GetValues<WholeModel>(), null);

    /// <summary>Parses the arguments after the mode; null (after printing why) when they are wrong.</summary>
    public static ModeOptions? Parse(ReadOnlySpan<string> args, int[] defaultThreads, int defaultPasses)
    {
        var options = new ModeOptions(defaultThreads, defaultPasses, Enum.GetValues<WholeModel>(), null);
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--unfused")
                {
                    options = options with { Unfused = true };
                    continue;
                }

                string value = i + 1 < args.Length ? args[i + 1] : throw new FormatException($"{args[i]} needs a value");
                options = args[i] switch
                {
                    "--threads" => options with { Threads = value.Split(',').Select(Count).ToArray() },
                    "--passes" => options with { Passes = Count(value) },
                    "--models" => options with { Models = value.Split(',').Select(ModelNamed).ToArray() },
                    "--json" => options with { JsonPath = value },
                    _ => throw new FormatException($"unknown argument '{args[i]}'"),
                };
                i++;
            }
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"{e.Message}\n{Usage}");
            return null;
        }

        return options;
    }

    /// <summary>The model's case on <paramref name="threads"/> threads.</summary>
    public ComparisonCase Create(WholeModel model, int threads, string? onnxProfilePrefix = null) => model switch
    {
        WholeModel.Stack => new ResidualStackCase(threads, onnxProfilePrefix, fused: !Unfused),
        WholeModel.Encoder => new MiniLmEncoderCase(threads, EncoderMask.AllOnes, onnxProfilePrefix, fused: !Unfused),
        WholeModel.StackDefaultInit => new ResidualStackCase(threads, onnxProfilePrefix, fused: !Unfused, ResidualStack.PyTorchDefaultWeightStd),
        _ => new MiniLmEncoderCase(threads, EncoderMask.Padded, onnxProfilePrefix, fused: !Unfused),
    };

    /// <summary>The name on the command line and in tables.</summary>
    public static string NameOf(WholeModel model) => model switch
    {
        WholeModel.Stack => "stack",
        WholeModel.Encoder => "encoder",
        WholeModel.StackDefaultInit => "stack-default-init",
        _ => "encoder-padded",
    };

    private static WholeModel ModelNamed(string name)
    {
        foreach (WholeModel model in Enum.GetValues<WholeModel>())
        {
            if (NameOf(model) == name)
            {
                return model;
            }
        }

        throw new FormatException($"unknown model '{name}'");
    }

    private static int Count(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count >= 1
            ? count
            : throw new FormatException($"'{text}' is not a positive count");
}
