using System.Collections.Generic;

namespace KernelGen.Serving.Model;

/// <summary>
/// The model behind the server: text to ids, and a padded batch of ids to one embedding per sentence, whose
/// bits do not depend on the rest of the batch. Called by one batch at a time.
/// </summary>
public interface ISentenceEncoder
{
    /// <summary>The length of an embedding.</summary>
    int Dimensions { get; }

    /// <summary>A description of the device the model runs on, for logs.</summary>
    string DeviceDescription { get; }

    /// <summary>A sentence's token ids, <c>[CLS] … [SEP]</c>, however many there are.</summary>
    int[] Tokenize(string text);

    /// <summary>Runs <paramref name="sentences"/> as one padded batch; returns their embeddings in order.</summary>
    /// <exception cref="GpuOutOfMemoryException">The GPU has no room for the batch; the model stays usable.</exception>
    /// <exception cref="KernelLoadException">A kernel failed to load; the model stays usable.</exception>
    float[][] Embed(IReadOnlyList<int[]> sentences);
}
