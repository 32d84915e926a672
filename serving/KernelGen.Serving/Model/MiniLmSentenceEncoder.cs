using System;
using System.Collections.Generic;
using System.IO;
using KernelGen.Models.MiniLM;

namespace KernelGen.Serving.Model;

/// <summary>
/// all-MiniLM-L6-v2 (KernelGen.Models.MiniLM) with mean pooling and L2 normalization, on the CPU or a GPU.
/// One lock serializes forward passes, so the server's batches and in-process callers can share one model.
/// </summary>
public sealed class MiniLmSentenceEncoder : ISentenceEncoder, IDisposable
{
    private readonly MiniLm _model;
    private readonly SentenceTokenizer _tokenizer;
    private readonly GpuDevice? _gpu;
    private readonly CpuExecutionOptions _cpu;
    private readonly object _gate = new();

    private MiniLmSentenceEncoder(MiniLm model, SentenceTokenizer tokenizer, GpuDevice? gpu, CpuExecutionOptions cpu)
    {
        _model = model;
        _tokenizer = tokenizer;
        _gpu = gpu;
        _cpu = cpu;
    }

    /// <inheritdoc/>
    public int Dimensions => MiniLm.Width;

    /// <inheritdoc/>
    public string DeviceDescription => _model.Device.Description;

    /// <summary>
    /// Loads the packaged model, or <see cref="ServingOptions.Model"/> and <see cref="ServingOptions.Vocabulary"/>,
    /// and moves it to <see cref="ServingOptions.Device"/>.
    /// </summary>
    /// <exception cref="GpuUnavailableException">cuda was asked for and there is no usable CUDA GPU.</exception>
    public static MiniLmSentenceEncoder Load(ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool packaged = string.IsNullOrEmpty(options.Model);
        byte[] onnx = packaged ? PackagedModel.ReadModel() : File.ReadAllBytes(options.Model!);
        SentenceTokenizer tokenizer;
        using (Stream vocabulary = packaged ? PackagedModel.OpenVocabulary() : File.OpenRead(options.Vocabulary!))
        {
            tokenizer = SentenceTokenizer.Create(vocabulary);
        }

        var cpu = new CpuExecutionOptions { MaxDegreeOfParallelism = options.Threads };
        return Create(MiniLm.Load(OnnxFile.FromMemory(onnx)), tokenizer, options.Device, cpu);
    }

    /// <summary>Wraps a loaded model and moves it to <paramref name="device"/> (<c>cpu</c> or <c>cuda</c>).</summary>
    /// <exception cref="GpuUnavailableException">cuda was asked for and there is no usable CUDA GPU.</exception>
    public static MiniLmSentenceEncoder Create(MiniLm model, SentenceTokenizer tokenizer, string device, CpuExecutionOptions? cpu = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        GpuDevice? gpu = null;
        if (device == "cuda")
        {
            gpu = GpuDevice.OpenCuda();
            model.To(gpu);
        }

        return new MiniLmSentenceEncoder(model, tokenizer, gpu, cpu ?? CpuExecutionOptions.Default);
    }

    /// <inheritdoc/>
    public int[] Tokenize(string text) => _tokenizer.EncodeWithoutLimit(text);

    /// <inheritdoc/>
    public float[][] Embed(IReadOnlyList<int[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        SentenceOutput[] outputs;
        lock (_gate)
        {
            outputs = Embedder.Embed(
                (ids, batch, sequence, valid) => _model.Encode(ids, batch, sequence, valid, _cpu),
                sentences,
                batchSize: Math.Max(sentences.Count, 1),
                Pooling.Mean,
                _tokenizer.PaddingId);
        }

        var embeddings = new float[outputs.Length][];
        for (int i = 0; i < outputs.Length; i++)
        {
            embeddings[i] = outputs[i].Embedding;
        }

        return embeddings;
    }

    /// <summary>Gives the GPU back, if the model was moved there.</summary>
    public void Dispose()
    {
        if (_gpu is not null)
        {
            _model.To(Device.Cpu);
            _gpu.Dispose();
        }
    }
}
