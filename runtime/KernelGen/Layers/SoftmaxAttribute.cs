using System;

namespace KernelGen;

/// <summary>
/// Declares a softmax over rows of <see cref="Features"/> values (PyTorch's <c>nn.Softmax(dim=-1)</c>):
/// <c>y = exp(x − max) / sum(exp(x − max))</c> with canonical 32-lane reductions. Apply it to a
/// <c>partial</c> class; the generator makes it derive from <see cref="SoftmaxLayer"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SoftmaxAttribute : LayerAttribute
{
    /// <summary>Declares a softmax over rows of <paramref name="features"/> values.</summary>
    /// <param name="features">The row length; 1 to 1,048,576.</param>
    public SoftmaxAttribute(int features)
    {
        Features = features;
    }

    /// <summary>The row length.</summary>
    public int Features { get; }
}

/// <summary>
/// Declares a log-softmax over rows of <see cref="Features"/> values (PyTorch's
/// <c>nn.LogSoftmax(dim=-1)</c>): <c>y = (x − max) − log(sum(exp(x − max)))</c>. The generator makes the
/// class derive from <see cref="SoftmaxLayer"/> with <see cref="SoftmaxLayer.IsLog"/> set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LogSoftmaxAttribute : LayerAttribute
{
    /// <summary>Declares a log-softmax over rows of <paramref name="features"/> values.</summary>
    /// <param name="features">The row length; 1 to 1,048,576.</param>
    public LogSoftmaxAttribute(int features)
    {
        Features = features;
    }

    /// <summary>The row length.</summary>
    public int Features { get; }
}
