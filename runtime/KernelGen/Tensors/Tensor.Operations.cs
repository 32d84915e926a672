using System;

namespace KernelGen;

public sealed partial class Tensor
{
    /// <summary><c>a + b</c> element by element (<see cref="Elementwise.Add"/>), on the tensors' device.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);

    /// <summary><c>a · b</c> element by element (<see cref="Elementwise.Multiply"/>), on the tensors' device.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Multiply(a, b);

    /// <summary>
    /// <c>a + b</c> element by element, on the device both live on, into a new tensor (owned by the current
    /// <see cref="TensorScope"/>, if any). The same bits on every device.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ, or the tensors live on different devices.</exception>
    public static Tensor Add(Tensor a, Tensor b) => Apply(a, b, multiply: false);

    /// <summary><c>a · b</c> element by element, as <see cref="Add"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ, or the tensors live on different devices.</exception>
    public static Tensor Multiply(Tensor a, Tensor b) => Apply(a, b, multiply: true);

    /// <summary>Checks that <paramref name="other"/> lives on <paramref name="device"/>, naming both in the error.</summary>
    internal static void CheckSameDevice(Device device, Tensor other, string paramName)
    {
        if (!ReferenceEquals(other.Device, device))
        {
            throw new ArgumentException($"{paramName} is {other}, on {other.Device}; the other operands are on {device}. Move it with To(device) first.", paramName);
        }
    }

    private static Tensor Apply(Tensor a, Tensor b, bool multiply)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        GpuDevice? gpu = a.Gpu;
        b.ThrowIfDisposed();
        CheckSameDevice(a.Device, b, nameof(b));
        if (!SameShape(a, b))
        {
            throw new ArgumentException($"b has shape {b.ShapeString}; it needs a's shape {a.ShapeString}.", nameof(b));
        }

        Tensor output = Allocate(a.Device, a._shape);
        if (gpu is null)
        {
            if (multiply)
            {
                Elementwise.Multiply(a.Span, b.Span, output.Span);
            }
            else
            {
                Elementwise.Add(a.Span, b.Span, output.Span);
            }
        }
        else if (multiply)
        {
            GpuElementwise.Multiply(gpu, a.View, b.View, output.View);
        }
        else
        {
            GpuElementwise.Add(gpu, a.View, b.View, output.View);
        }

        return output;
    }

    private static bool SameShape(Tensor a, Tensor b) => a._shape.AsSpan().SequenceEqual(b._shape);
}
