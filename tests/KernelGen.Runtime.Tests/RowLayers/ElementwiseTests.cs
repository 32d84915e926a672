using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.Runtime.Tests.Invariance;
using Xunit;

namespace KernelGen.Runtime.Tests.RowLayers;

/// <summary>Element-wise add and multiply: one IEEE operation per element, the same on CPU and GPU, with clear errors.</summary>
public sealed class ElementwiseTests
{
    [Fact]
    public void Add_and_multiply_are_one_rounded_operation_per_element()
    {
        (float[] a, float[] b) = Operands(1000);
        float[] sum = new float[1000];
        float[] product = new float[1000];
        Elementwise.Add(a, b, sum);
        Elementwise.Multiply(a, b, product);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal((float)((double)a[i] + b[i]), sum[i]);
            Assert.Equal((float)((double)a[i] * b[i]), product[i]);
        }

        Assert.Equal(DetMath.CanonicalNaNBits, BitConverter.SingleToUInt32Bits(sum[0])); // a[0] is .NET's NaN, 0xFFC00000
        Assert.Equal(DetMath.CanonicalNaNBits, BitConverter.SingleToUInt32Bits(product[0]));
    }

    [Fact]
    public void In_place_on_either_operand()
    {
        (float[] a, float[] b) = Operands(100);
        float[] expected = new float[100];
        Elementwise.Add(a, b, expected);
        Elementwise.Add(a, b, a);
        BitAssert.Equal(expected, a, "a += b");
    }

    [Fact]
    public void Errors_name_the_argument_and_the_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => Elementwise.Add(new float[4], new float[3], new float[4]));
        Assert.Equal("b has 3 values; it needs as many as a: 4. (Parameter 'b')", error.Message);
        error = Assert.Throws<ArgumentException>(() => Elementwise.Multiply(new float[4], new float[4], new float[5]));
        Assert.Equal("output has 5 values; it needs as many as a and b: 4. (Parameter 'output')", error.Message);
        float[] buffer = new float[8];
        error = Assert.Throws<ArgumentException>(() => Elementwise.Add(buffer.AsSpan(0, 4), buffer.AsSpan(0, 4), buffer.AsSpan(2, 4)));
        Assert.Equal("output partly overlaps an input; pass the same memory as a or b for an in-place operation, or separate memory. (Parameter 'output')", error.Message);
    }

    [Fact]
    public void Cpu_accelerator_equals_cpu() => DeviceEqualsCpu(GpuDevice.OpenCpuAccelerator(), dispose: true);

    [Fact]
    [Trait("Category", "Cuda")]
    public void Cuda_equals_cpu() => DeviceEqualsCpu(CudaDevice.Get(), dispose: false);

    private static void DeviceEqualsCpu(GpuDevice device, bool dispose)
    {
        try
        {
            (float[] a, float[] b) = Operands(4099);
            float[] sum = new float[a.Length];
            float[] product = new float[a.Length];
            Elementwise.Add(a, b, sum);
            Elementwise.Multiply(a, b, product);

            using MemoryBuffer1D<float, Stride1D.Dense> da = device.Accelerator.Allocate1D(a);
            using MemoryBuffer1D<float, Stride1D.Dense> db = device.Accelerator.Allocate1D(b);
            using MemoryBuffer1D<float, Stride1D.Dense> dout = device.Accelerator.Allocate1D<float>(a.Length);
            GpuElementwise.Add(device, da.View, db.View, dout.View);
            device.Synchronize();
            BitAssert.Equal(sum, dout.GetAsArray1D(), $"add on {device}");
            GpuElementwise.Multiply(device, da.View, db.View, da.View); // in place
            device.Synchronize();
            BitAssert.Equal(product, da.GetAsArray1D(), $"multiply in place on {device}");

            var error = Assert.Throws<ArgumentException>(() => GpuElementwise.Add(device, da.View, db.View.SubView(0, 10), dout.View));
            Assert.Equal("b has 10 values; it needs as many as a: 4099. (Parameter 'b')", error.Message);
        }
        finally
        {
            if (dispose)
            {
                device.Dispose();
            }
        }
    }

    private static (float[] A, float[] B) Operands(int length)
    {
        var a = new float[length];
        var b = new float[length];
        new PhiloxRandom(seed: 31).Fill(a, -1e3f, 1e3f);
        new PhiloxRandom(seed: 32).Fill(b, -1e-3f, 1e3f);
        a[0] = float.NaN;
        b[1] = float.PositiveInfinity;
        a[2] = -0f;
        b[2] = 0f;
        return (a, b);
    }
}
