using System;
using KernelGen.Models.MiniLM;
using Microsoft.ML.OnnxRuntime;

namespace SentenceEmbeddings;

/// <summary>
/// The same model.onnx through ONNX Runtime's CPU provider (every graph optimization, a fixed number
/// of intra-op threads, sequential execution): the framework users run the model with today.
/// </summary>
public sealed class OnnxRuntimeEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();

    /// <summary>Opens a session over <paramref name="model"/> on <paramref name="threads"/> intra-op threads.</summary>
    public OnnxRuntimeEncoder(byte[] model, int threads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, options);
        Threads = threads;
    }

    /// <summary>The intra-op thread count.</summary>
    public int Threads { get; }

    /// <summary>The last hidden state, <c>[batch, sequence, 384]</c>; the attention mask is 1 on each sequence's first valid positions.</summary>
    public float[] Forward(int[] ids, int batch, int sequence, int[] validLengths)
    {
        long[] inputIds = new long[ids.Length], mask = new long[ids.Length], types = new long[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            inputIds[i] = ids[i];
            mask[i] = i % sequence < validLengths[i / sequence] ? 1 : 0;
        }

        float[] hidden = new float[ids.Length * MiniLm.Width];
        long[] shape = [batch, sequence];
        using OrtValue idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using OrtValue maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using OrtValue typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using OrtValue output = OrtValue.CreateTensorValueFromMemory(hidden, [batch, sequence, MiniLm.Width]);
        _session.Run(_run, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], ["last_hidden_state"], [output]);
        return hidden;
    }

    /// <summary>Releases the session.</summary>
    public void Dispose()
    {
        _run.Dispose();
        _session.Dispose();
    }
}
