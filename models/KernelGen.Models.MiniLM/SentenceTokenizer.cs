using System;
using System.IO;
using Microsoft.ML.Tokenizers;

namespace KernelGen.Models.MiniLM;

/// <summary>
/// BERT's WordPiece tokenization over a vocab.txt (Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>):
/// lower case, basic tokenization, <c>[CLS] … [SEP]</c>.
/// </summary>
public sealed class SentenceTokenizer
{
    private readonly BertTokenizer _bert;

    private SentenceTokenizer(BertTokenizer bert) => _bert = bert;

    /// <summary>The id of <c>[PAD]</c>.</summary>
    public int PaddingId => _bert.PaddingTokenId;

    /// <summary>Reads the vocabulary (one token per line, the line number is its id).</summary>
    public static SentenceTokenizer Create(Stream vocabulary) =>
        new(BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true }));

    /// <summary>The ids of <paramref name="text"/> between <c>[CLS]</c> and <c>[SEP]</c>.</summary>
    /// <exception cref="ArgumentException">The sentence has more tokens than the model has positions.</exception>
    public int[] Encode(string text)
    {
        int[] ids = EncodeWithoutLimit(text);
        if (ids.Length > MiniLm.MaxPositions)
        {
            throw new ArgumentException($"the sentence has {ids.Length} tokens; the model has {MiniLm.MaxPositions} positions.", nameof(text));
        }

        return ids;
    }

    /// <summary>The ids of <paramref name="text"/> between <c>[CLS]</c> and <c>[SEP]</c>, however many there are.</summary>
    public int[] EncodeWithoutLimit(string text) =>
        [.. _bert.EncodeToIds(text, addSpecialTokens: true, considerPreTokenization: true, considerNormalization: true)];

    /// <summary>
    /// The first <paramref name="maxTokens"/> ids of a sentence, its last id (<c>[SEP]</c>) kept at the end, as
    /// Hugging Face's truncation does; <paramref name="ids"/> itself when it is short enough.
    /// </summary>
    /// <param name="ids">A sentence's ids, <c>[CLS] … [SEP]</c>.</param>
    /// <param name="maxTokens">The most ids to keep, 2 or more.</param>
    public static int[] Truncate(int[] ids, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        return ids.Length <= maxTokens ? ids : [.. ids.AsSpan(0, maxTokens - 1), ids[^1]];
    }
}
