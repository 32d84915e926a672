using System;
using System.Collections.Generic;
using System.Threading;
using KernelGen.Serving.Model;

namespace KernelGen.Serving.Tests;

/// <summary>
/// The real encoder with two controls for tests: a gate that holds a batch inside <see cref="Embed"/> (so that the
/// queue can be filled, clients can leave, the server can be stopped while it runs) and a device failure to throw once.
/// </summary>
public sealed class TestEncoder(ISentenceEncoder inner) : ISentenceEncoder, IDisposable
{
    private readonly ManualResetEventSlim _gate = new(initialState: true);
    private Exception? _failNext;

    /// <summary>Released once each time a batch is held at the closed gate (not by batches that pass an open one).</summary>
    public SemaphoreSlim Entered { get; } = new(0);

    public int Dimensions => inner.Dimensions;

    public string DeviceDescription => inner.DeviceDescription;

    /// <summary>Batches wait in <see cref="Embed"/> until <see cref="Open"/>.</summary>
    public void Close() => _gate.Reset();

    public void Open() => _gate.Set();

    /// <summary>The next batch throws <paramref name="exception"/> instead of running.</summary>
    public void FailNext(Exception exception) => _failNext = exception;

    public int[] Tokenize(string text) => inner.Tokenize(text);

    public float[][] Embed(IReadOnlyList<int[]> sentences)
    {
        if (!_gate.IsSet)
        {
            Entered.Release();
        }

        if (!_gate.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("The test never opened the gate.");
        }

        if (Interlocked.Exchange(ref _failNext, null) is { } failure)
        {
            throw failure;
        }

        return inner.Embed(sentences);
    }

    public void Dispose()
    {
        _gate.Dispose();
        Entered.Dispose();
    }
}
