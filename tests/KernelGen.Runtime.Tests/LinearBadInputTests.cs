using System;
using Xunit;

namespace KernelGen.Runtime.Tests;

/// <summary>The GPU layer the bad-input tests share: ILGPU's CPU accelerator compiles the kernel once.</summary>
public sealed class BadInputGpuLayerFixture : IDisposable
{
    public BadInputGpuLayerFixture()
    {
        Device = GpuDevice.OpenCpuAccelerator();
        Layer = new Small61x3NoBias(seed: 1).ToGpu(Device);
    }

    public GpuDevice Device { get; }

    public GpuLinearLayer Layer { get; }

    public void Dispose()
    {
        Layer.Dispose();
        Device.Dispose();
    }
}

/// <summary>
/// Every way to call <c>Forward</c> wrongly fails before any work with an exception that names the
/// argument, what it got and what the layer needs; the CPU layer and the GPU layer say the same.
/// </summary>
public sealed class LinearBadInputTests(BadInputGpuLayerFixture gpu) : IClassFixture<BadInputGpuLayerFixture>
{
    private const int In = 61;
    private const int Out = 3;

    private const string NotWholeRows =
        "input has 100 values, which is not a whole number of rows of InFeatures = 61: it needs [rows, 61] values. (Parameter 'input')";

    private const string WrongOutput = "output has 5 values; 2 input rows need [2, 3] = 6. (Parameter 'output')";

    private const string Overlap = "output overlaps input; a forward pass needs separate input and output memory. (Parameter 'output')";

    private readonly Small61x3NoBias _cpu = new(seed: 1);

    [Fact]
    public void Cpu_InputThatIsNotWholeRows_Throws()
    {
        AssertArgument("input", NotWholeRows, () => _cpu.Forward(new float[100], new float[Out]));
        AssertArgument("input", NotWholeRows, () => _cpu.Forward(new float[100]));
    }

    [Fact]
    public void Gpu_InputThatIsNotWholeRows_Throws()
    {
        AssertArgument("input", NotWholeRows, () => gpu.Layer.Forward(new float[100], new float[Out]));
        AssertArgument("input", NotWholeRows, () => gpu.Layer.Forward(new float[100]));
    }

    [Fact]
    public void Cpu_OutputOfTheWrongLength_Throws()
    {
        AssertArgument("output", WrongOutput, () => _cpu.Forward(new float[2 * In], new float[5]));
    }

    [Fact]
    public void Gpu_OutputOfTheWrongLength_Throws()
    {
        AssertArgument("output", WrongOutput, () => gpu.Layer.Forward(new float[2 * In], new float[5]));
    }

    [Fact]
    public void Cpu_OverlappingInputAndOutput_Throws()
    {
        var buffer = new float[In + Out];

        AssertArgument("output", Overlap, () => _cpu.Forward(buffer.AsSpan(0, In), buffer.AsSpan(In - 1, Out)));
        _cpu.Forward(buffer.AsSpan(0, In), buffer.AsSpan(In, Out)); // adjacent is fine
    }

    [Fact]
    public void Gpu_OverlappingInputAndOutput_Throws()
    {
        var buffer = new float[In + Out];

        AssertArgument("output", Overlap, () => gpu.Layer.Forward(buffer.AsSpan(0, In), buffer.AsSpan(In - 1, Out)));
        gpu.Layer.Forward(buffer.AsSpan(0, In), buffer.AsSpan(In, Out));
    }

    [Fact]
    public void NullTensor_Throws()
    {
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => _cpu.Forward((Tensor)null!)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => gpu.Layer.Forward((Tensor)null!)).ParamName);
    }

    [Theory]
    [InlineData(new[] { 2, 60 }, "input has shape (2, 60); a Small61x3NoBias needs shape (..., 61). (Parameter 'input')")]
    [InlineData(new[] { 61, 2 }, "input has shape (61, 2); a Small61x3NoBias needs shape (..., 61). (Parameter 'input')")]
    [InlineData(new int[0], "input has shape (); a Small61x3NoBias needs shape (..., 61). (Parameter 'input')")]
    public void TensorWithTheWrongLastDimension_Throws(int[] shape, string message)
    {
        var input = new Tensor(shape);

        AssertArgument("input", message, () => _cpu.Forward(input));
        AssertArgument("input", message, () => gpu.Layer.Forward(input));
    }

    [Fact]
    public void ZeroRows_GiveAnEmptyOutput()
    {
        _cpu.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty);
        gpu.Layer.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty);

        Assert.Empty(_cpu.Forward(ReadOnlySpan<float>.Empty));
        Assert.Empty(gpu.Layer.Forward(ReadOnlySpan<float>.Empty));
        Assert.Equal("(0, 3)", _cpu.Forward(new Tensor(0, In)).ShapeString);
        Assert.Equal("(2, 0, 3)", gpu.Layer.Forward(new Tensor(2, 0, In)).ShapeString);
    }

    [Fact]
    public void UnsupportedSimdPath_Throws()
    {
        var options = new CpuExecutionOptions { SimdPath = (SimdPath)99 };

        var exception = Assert.Throws<NotSupportedException>(() => _cpu.Forward(new float[In], new float[Out], options));

        Assert.StartsWith("SIMD path 99 was requested by the options, but this processor does not accelerate it with a fused multiply-add", exception.Message);
        Assert.EndsWith($"Widest supported path: {SimdPaths.Widest}.", exception.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void MaxDegreeOfParallelismBelowOne_Throws(int value)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new CpuExecutionOptions { MaxDegreeOfParallelism = value });

        Assert.Equal("MaxDegreeOfParallelism", exception.ParamName);
        Assert.Equal(value, exception.ActualValue);
        Assert.Equal(
            $"MaxDegreeOfParallelism must be at least 1, or null for all cores. (Parameter 'MaxDegreeOfParallelism'){Environment.NewLine}Actual value was {value}.",
            exception.Message);
    }

    [Theory]
    [InlineData(null, SimdPath.Auto)]
    [InlineData("", SimdPath.Auto)]
    [InlineData("  ", SimdPath.Auto)]
    [InlineData("auto", SimdPath.Auto)]
    [InlineData("vector512", SimdPath.Vector512)]
    [InlineData("Vector256", SimdPath.Vector256)]
    [InlineData("VECTOR128", SimdPath.Vector128)]
    [InlineData(" scalar ", SimdPath.Scalar)]
    public void ParseEnvironment_AcceptsThePathNames(string? value, SimdPath expected)
    {
        Assert.Equal(expected, SimdPaths.ParseEnvironment(value));
    }

    [Theory]
    [InlineData("avx9")]
    [InlineData("1")] // a number is not a name, even of a defined value
    [InlineData("-1")]
    [InlineData("Scalar, Auto")]
    public void ParseEnvironment_RejectsAnythingElse(string value)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => SimdPaths.ParseEnvironment(value));

        Assert.Equal(
            $"KERNELGEN_SIMD='{value}' is not a SIMD path; use one of auto, vector512, vector256, vector128, scalar.",
            exception.Message);
    }

    [Fact]
    public void ToGpu_WithANullDevice_Throws()
    {
        Assert.Equal("device", Assert.Throws<ArgumentNullException>(() => _cpu.ToGpu(null!)).ParamName);
    }

    [Fact]
    public void DisposedGpuLayer_Throws_AndDisposesTwiceQuietly()
    {
        using GpuDevice device = GpuDevice.OpenCpuAccelerator();
        GpuLinearLayer layer = _cpu.ToGpu(device);

        layer.Dispose();
        layer.Dispose();

        var exception = Assert.Throws<ObjectDisposedException>(() => layer.Forward(new float[In], new float[Out]));
        Assert.Equal(typeof(GpuLinearLayer).FullName, exception.ObjectName);
        Assert.Throws<ObjectDisposedException>(() => layer.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty));
    }

    [Fact]
    public void GpuLayerOnADisposedDevice_Throws_AndStillDisposes()
    {
        GpuDevice device = GpuDevice.OpenCpuAccelerator();
        GpuLinearLayer layer = _cpu.ToGpu(device);

        device.Dispose();
        device.Dispose();

        var exception = Assert.Throws<ObjectDisposedException>(() => layer.Forward(new float[In], new float[Out]));
        Assert.Equal(typeof(GpuDevice).FullName, exception.ObjectName);
        Assert.Equal(typeof(GpuDevice).FullName, Assert.Throws<ObjectDisposedException>(() => _cpu.ToGpu(device)).ObjectName);
        layer.Dispose();
        layer.Dispose();
    }

    private static void AssertArgument(string paramName, string message, Action call)
    {
        var exception = Assert.Throws<ArgumentException>(call);
        Assert.Equal(paramName, exception.ParamName);
        Assert.Equal(message, exception.Message);
    }
}
