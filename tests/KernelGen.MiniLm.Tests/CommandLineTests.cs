using System;
using System.IO;
using System.Linq;
using KernelGen.Models.MiniLM;
using KernelGen.Tests.Onnx;
using SentenceEmbeddings;
using Xunit;

namespace KernelGen.RealModel.Tests;

/// <summary>The sample's command line: its output file, and a clear message for every mistake.</summary>
public sealed class CommandLineTests(MiniLmFixture fixture)
{
    [Fact]
    public void It_writes_ids_mask_hidden_state_and_embeddings_whose_bytes_do_not_depend_on_the_batch()
    {
        string texts = Texts("texts.txt", "Hello, world!", "A much longer sentence, which sets the padded length L of the file.", "", "Why?");
        string one = fixture.PathOf("batch1.safetensors"), three = fixture.PathOf("batch3.safetensors");

        (int code, string output, string error) = Run("--model", fixture.ModelPath, "--vocab", fixture.VocabularyPath, "--texts", texts, "--pooling", "mean", "--batch", "1", "--output", one);
        Assert.True(code == 0, error);
        Assert.Contains("embedded 4 sentences (at most 17 tokens) in batches of 1, mean pooling", output, StringComparison.Ordinal);
        Assert.Equal(0, Run("--model", fixture.ModelPath, "--vocab", fixture.VocabularyPath, "--texts", texts, "--pooling", "mean", "--batch", "3", "--output", three).Code);
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(three));

        using SafetensorsFile file = SafetensorsFile.Open(one);
        int[][] ids = [.. File.ReadAllLines(texts).Select(fixture.Tokenizer.Encode)];
        int n = ids.Length, longest = ids.Max(s => s.Length);
        Assert.Equal(17, longest);
        AssertTensor(file, "input_ids", SafetensorsDType.I64, [n, longest]);
        AssertTensor(file, "attention_mask", SafetensorsDType.I64, [n, longest]);
        AssertTensor(file, "last_hidden_state", SafetensorsDType.F32, [n, longest, MiniLm.Width]);
        AssertTensor(file, "embeddings", SafetensorsDType.F32, [n, MiniLm.Width]);
        Assert.Equal("mean", file.Metadata["pooling"]);

        long[] fileIds = Int64s(file, "input_ids"), mask = Int64s(file, "attention_mask");
        float[] hidden = file.ReadSingles("last_hidden_state"), embeddings = file.ReadSingles("embeddings");
        SentenceOutput[] expected = Embedder.Embed(Sentences.KernelGen(fixture.Model), ids, 1, Pooling.Mean, 0);
        for (int s = 0; s < n; s++)
        {
            for (int t = 0; t < longest; t++)
            {
                bool real = t < ids[s].Length;
                Assert.Equal(real ? ids[s][t] : 0, fileIds[(s * longest) + t]);
                Assert.Equal(real ? 1 : 0, mask[(s * longest) + t]);
            }

            Assert.Equal(Sentences.Bits(expected[s].Hidden), Sentences.Bits(hidden.AsSpan(s * longest * MiniLm.Width, ids[s].Length * MiniLm.Width).ToArray()));
            Assert.All(hidden.AsSpan((s * longest * MiniLm.Width) + (ids[s].Length * MiniLm.Width), (longest - ids[s].Length) * MiniLm.Width).ToArray(), v => Assert.Equal(0f, v));
            Assert.Equal(Sentences.Bits(expected[s].Embedding), Sentences.Bits(embeddings.AsSpan(s * MiniLm.Width, MiniLm.Width).ToArray()));
            Assert.Equal(1.0, Math.Sqrt(expected[s].Embedding.Sum(v => (double)v * v)), 6);
        }
    }

    [Fact]
    public void Cls_pooling_is_the_normalized_first_row()
    {
        string texts = Texts("cls.txt", "The first token's row, normalized.");
        string path = fixture.PathOf("cls.safetensors");

        Assert.Equal(0, Run("--model", fixture.ModelPath, "--vocab", fixture.VocabularyPath, "--texts", texts, "--pooling", "cls", "--output", path).Code);

        using SafetensorsFile file = SafetensorsFile.Open(path);
        float[] first = file.ReadSingles("last_hidden_state")[..MiniLm.Width];
        SentencePooling.Normalize(first);
        Assert.Equal(Sentences.Bits(first), Sentences.Bits(file.ReadSingles("embeddings")));
        Assert.Equal("cls", file.Metadata["pooling"]);
    }

    [Theory]
    [InlineData("--model", "error: --model needs a value.")]
    [InlineData("--vocab V --texts T --output O", "error: --model is missing.")]
    [InlineData("--model M --texts T --output O", "error: --vocab is missing.")]
    [InlineData("--model M --vocab V --output O", "error: --texts is missing.")]
    [InlineData("--model M --vocab V --texts T", "error: --output is missing.")]
    [InlineData("--model M --model M --vocab V --texts T --output O", "error: --model is given twice.")]
    [InlineData("--modle M", "error: unknown option '--modle'; the options are --model, --vocab, --texts, --pooling, --batch, --output.")]
    [InlineData("model.onnx", "error: unexpected argument 'model.onnx'; every value follows its option, as in --texts sentences.txt.")]
    [InlineData("--model M --vocab V --texts T --output O --pooling max", "error: --pooling is 'max'; it must be mean or cls.")]
    [InlineData("--model M --vocab V --texts T --output O --batch 0", "error: --batch is '0'; it must be a whole number from 1 to 4096.")]
    [InlineData("--model M --vocab V --texts T --output O --batch -3", "error: --batch is '-3'; it must be a whole number from 1 to 4096.")]
    [InlineData("--model M --vocab V --texts T --output O --batch 2.5", "error: --batch is '2.5'; it must be a whole number from 1 to 4096.")]
    [InlineData("--model M --vocab V --texts T --output O --batch 99999", "error: --batch is '99999'; it must be a whole number from 1 to 4096.")]
    [InlineData("--model missing.onnx --vocab V --texts T --output O", "error: --model: the model file 'missing.onnx' does not exist.")]
    [InlineData("--model M --vocab missing.txt --texts T --output O", "error: --vocab: the vocabulary file 'missing.txt' does not exist.")]
    [InlineData("--model M --vocab V --texts missing.txt --output O", "error: --texts: the texts file 'missing.txt' does not exist.")]
    public void Usage_mistakes_are_named_with_exit_code_2(string arguments, string message)
    {
        string texts = Texts("usage.txt", "a sentence");
        string[] args = [.. arguments.Split(' ').Select(a => a switch
        {
            "M" => fixture.ModelPath,
            "V" => fixture.VocabularyPath,
            "T" => texts,
            "O" => fixture.PathOf("usage.safetensors"),
            _ => a,
        })];

        (int code, _, string error) = Run(args);

        Assert.Equal(2, code);
        Assert.Equal(message, error.Split('\n')[0].TrimEnd('\r'));
        Assert.Contains("usage: SentenceEmbeddings --model FILE.onnx", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_folder_that_does_not_exist_is_named()
    {
        string output = Path.Combine(fixture.PathOf("no-such-folder"), "out.safetensors");

        (int code, _, string error) = Run("--model", fixture.ModelPath, "--vocab", fixture.VocabularyPath, "--texts", Texts("t.txt", "a"), "--output", output);

        Assert.Equal(2, code);
        Assert.StartsWith($"error: --output: the folder '{fixture.PathOf("no-such-folder")}' does not exist.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_ONNX_is_refused_naming_the_file_and_the_problem()
    {
        (int code, _, string error) = Run("--model", fixture.VocabularyPath, "--vocab", fixture.VocabularyPath, "--texts", Texts("t.txt", "a"), "--output", fixture.PathOf("o.safetensors"));

        Assert.Equal(1, code);
        Assert.Equal($"error: Invalid ONNX file '{fixture.VocabularyPath}': ModelProto: field 11 uses the group encoding (wire type 3), which ONNX never writes (byte 1).", error.TrimEnd());
    }

    [Fact]
    public void An_ONNX_model_that_is_not_a_BERT_export_names_the_missing_tensor()
    {
        string model = fixture.PathOf("linear.onnx");
        File.WriteAllBytes(model, OnnxBuilder.LinearExport([1, 2, 3, 4, 5, 6], [0.5f, -0.5f], 3, 2));

        (int code, _, string error) = Run("--model", model, "--vocab", fixture.VocabularyPath, "--texts", Texts("t.txt", "a"), "--output", fixture.PathOf("o.safetensors"));

        Assert.Equal(1, code);
        Assert.Equal(
            $"error: the model '{model}' is not a BERT of MiniLM's dimensions: The state dict does not match MiniLm: 103 missing, 2 unexpected, 0 mis-shaped, 0 mis-typed; nothing was loaded.\n"
            + "  missing: embeddings.word_embeddings.weight (30522, 384)\n"
            + "  missing: embeddings.position_embeddings.weight (512, 384)\n"
            + "  missing: embeddings.token_type_embeddings.weight (2, 384)\n"
            + "  missing: embeddings.LayerNorm.weight (384,)\n"
            + "  … and 101 more",
            error.TrimEnd().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_BERT_of_other_dimensions_names_the_tensor_its_shape_and_the_shape_needed()
    {
        string model = fixture.PathOf("wide.onnx");
        File.WriteAllBytes(model, OnnxBuilder.ModelWith(OnnxBuilder.Floats("embeddings.word_embeddings.weight", [4, 768], new float[4 * 768])));

        (int code, _, string error) = Run("--model", model, "--vocab", fixture.VocabularyPath, "--texts", Texts("t.txt", "a"), "--output", fixture.PathOf("o.safetensors"));

        Assert.Equal(1, code);
        Assert.Equal(
            $"error: the model '{model}' is not a BERT of MiniLM's dimensions: The state dict does not match MiniLm: 102 missing, 0 unexpected, 1 mis-shaped, 0 mis-typed; nothing was loaded.\n"
            + "  mis-shaped: embeddings.word_embeddings.weight is (4, 768) in the file; the module needs (30522, 384)\n"
            + "  missing: embeddings.position_embeddings.weight (512, 384)\n"
            + "  missing: embeddings.token_type_embeddings.weight (2, 384)\n"
            + "  missing: embeddings.LayerNorm.weight (384,)\n"
            + "  … and 99 more",
            error.TrimEnd().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_empty_texts_file_and_a_sentence_longer_than_the_model_are_named()
    {
        string empty = Texts("empty.txt");
        string tooLong = Texts("long.txt", "fine", string.Join(' ', Enumerable.Repeat("word", 600)));

        (int emptyCode, _, string emptyError) = Run("--model", fixture.ModelPath, "--vocab", fixture.VocabularyPath, "--texts", empty, "--output", fixture.PathOf("o.safetensors"));
        (int longCode, _, string longError) = Run("--model", fixture.ModelPath, "--vocab", fixture.VocabularyPath, "--texts", tooLong, "--output", fixture.PathOf("o.safetensors"));

        Assert.Equal(1, emptyCode);
        Assert.Equal($"error: the texts file '{empty}' holds no sentence; it needs one per line.", emptyError.TrimEnd());
        Assert.Equal(1, longCode);
        Assert.Equal($"error: line 2 of '{tooLong}': the sentence has 602 tokens; the model has 512 positions.", longError.TrimEnd());
    }

    [Fact]
    public void Help_prints_the_usage()
    {
        (int code, string output, _) = Run("--help");

        Assert.Equal(0, code);
        Assert.StartsWith("usage: SentenceEmbeddings --model FILE.onnx --vocab FILE.txt --texts FILE.txt", output, StringComparison.Ordinal);
    }

    private string Texts(string name, params string[] lines)
    {
        string path = fixture.PathOf(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = EmbedCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static void AssertTensor(SafetensorsFile file, string name, SafetensorsDType dtype, int[] shape)
    {
        Assert.Equal(dtype, file.GetTensor(name).DType);
        Assert.Equal(shape, file.GetTensor(name).Shape);
    }

    private static long[] Int64s(SafetensorsFile file, string name)
    {
        byte[] raw = file.ReadBytes(name);
        return [.. Enumerable.Range(0, raw.Length / 8).Select(i => BitConverter.ToInt64(raw, i * 8))];
    }
}
