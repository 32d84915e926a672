using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace KernelGen.Benchmarks;

/// <summary>The kinds of layer a whole-model profile sums time by.</summary>
internal enum LayerKind
{
    Embedding,
    Linear,
    Attention,
    LayerNorm,
    Gelu,
    ResidualAdd,
    LinearGelu,
    NormResidual,
}

/// <summary>
/// Sums wall time per <see cref="LayerKind"/>: a model calls <see cref="Start"/> once, then <see cref="Lap"/>
/// after each layer, which charges the time since the previous lap to that layer's kind. A model run without
/// a clock (<c>clock?.Lap(…)</c>) pays nothing.
/// </summary>
internal sealed class LayerClock
{
    private readonly long[] _ticks = new long[Enum.GetValues<LayerKind>().Length];
    private long _last;

    public void Start() => _last = Stopwatch.GetTimestamp();

    public void Lap(LayerKind kind)
    {
        long now = Stopwatch.GetTimestamp();
        _ticks[(int)kind] += now - _last;
        _last = now;
    }

    /// <summary>Milliseconds per kind so far, for the kinds that ran.</summary>
    public IEnumerable<(LayerKind Kind, double Milliseconds)> Totals()
    {
        foreach (LayerKind kind in Enum.GetValues<LayerKind>())
        {
            if (_ticks[(int)kind] > 0)
            {
                yield return (kind, _ticks[(int)kind] * 1e3 / Stopwatch.Frequency);
            }
        }
    }

    public void Reset() => Array.Clear(_ticks);
}
