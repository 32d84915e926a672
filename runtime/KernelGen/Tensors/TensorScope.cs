using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// Owns the tensors that layers, <see cref="Tensor.To"/> and <see cref="Tensor.Add"/> create on this thread
/// while it is the innermost open scope, and disposes them when it is disposed: a forward pass's
/// intermediate tensors go back to the device's pool without disposing each by hand. Keep the result with
/// <see cref="Keep"/>; it then belongs to the enclosing scope, or to the caller when there is none.
/// </summary>
/// <example>
/// <code>
/// public Tensor Forward(Tensor x)
/// {
///     using var scope = TensorScope.Begin();
///     Tensor h = _fc1.Forward(x);          // returned to the pool when the scope ends
///     return scope.Keep(_fc2.Forward(h));  // survives the scope
/// }
/// </code>
/// </example>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? t_current;

    private readonly TensorScope? _outer;
    private readonly List<Tensor> _tensors = [];
    private bool _disposed;

    private TensorScope(TensorScope? outer) => _outer = outer;

    /// <summary>Opens a scope on this thread, inside the one open now, if any.</summary>
    public static TensorScope Begin() => t_current = new TensorScope(t_current);

    /// <summary>How many tensors the scope owns now.</summary>
    public int Count => _tensors.Count;

    /// <summary>
    /// Takes <paramref name="tensor"/> out of this scope so that disposing the scope leaves it usable; it moves
    /// to the enclosing scope, if any. Returns <paramref name="tensor"/>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The scope was disposed.</exception>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(_disposed, this);
        int index = _tensors.LastIndexOf(tensor);
        if (index >= 0)
        {
            _tensors.RemoveAt(index);
            _outer?._tensors.Add(tensor);
        }

        return tensor;
    }

    /// <summary>Disposes every tensor the scope still owns, newest first, and closes the scope. Safe to call twice.</summary>
    /// <exception cref="InvalidOperationException">An inner scope of this thread is still open.</exception>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        if (!ReferenceEquals(t_current, this))
        {
            throw new InvalidOperationException("A TensorScope must be disposed on the thread that opened it, innermost first.");
        }

        _disposed = true;
        t_current = _outer;
        for (int i = _tensors.Count - 1; i >= 0; i--)
        {
            _tensors[i].Dispose();
        }

        _tensors.Clear();
    }

    /// <summary>Gives <paramref name="tensor"/> to the innermost open scope of this thread, if any.</summary>
    internal static void Track(Tensor tensor) => t_current?._tensors.Add(tensor);
}
