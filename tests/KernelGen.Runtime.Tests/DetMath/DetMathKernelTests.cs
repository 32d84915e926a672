using System;
using ILGPU;
using ILGPU.Runtime;
using KernelGen.DetMathChecks;
using Xunit;

namespace KernelGen.Runtime.Tests.DetMathTesting;

/// <summary>
/// The generic DetMath functions compile inside an ILGPU kernel (loaded with <see cref="CpuMath"/> on
/// ILGPU's CPU accelerator, through ILGPU's IR) and give the bits of the plain CPU call. The same kernel
/// loaded with <see cref="CudaMath"/> is checked over every float by tools/KernelGen.DetMathExhaustive.
/// </summary>
public sealed class DetMathKernelTests(DetMathKernelTests.CpuAcceleratorKernel fixture) : IClassFixture<DetMathKernelTests.CpuAcceleratorKernel>
{
    private const int SampleCount = 1 << 12;

    public static TheoryData<string> FunctionNames() => new(Array.ConvertAll(DetMathFunctions.All, f => f.ToString()));

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void CpuAcceleratorKernel_GivesTheCpuBits(string name)
    {
        DetMathFunction function = Enum.Parse<DetMathFunction>(name);
        float[] inputs = Inputs();
        Accelerator accelerator = fixture.Device.Accelerator;
        using MemoryBuffer1D<float, Stride1D.Dense> input = accelerator.Allocate1D(inputs);
        using MemoryBuffer1D<float, Stride1D.Dense> output = accelerator.Allocate1D<float>(inputs.Length);

        fixture.Kernel(inputs.Length, input.View, output.View, (int)function);
        float[] results = output.GetAsArray1D();

        for (int i = 0; i < inputs.Length; i++)
        {
            float expected = DetMathFunctions.Evaluate<CpuMath>(function, inputs[i]);
            Assert.True(
                BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(results[i]),
                $"{function}({AccuracyTally.Describe(inputs[i])}): CPU {AccuracyTally.Describe(expected)}, kernel {AccuracyTally.Describe(results[i])}.");
        }
    }

    /// <summary>ILGPU's CPU accelerator and the kernel, compiled once for all functions.</summary>
    public sealed class CpuAcceleratorKernel : IDisposable
    {
        public CpuAcceleratorKernel()
        {
            Device = GpuDevice.OpenCpuAccelerator();
            Kernel = DetMathKernels.LoadArrayKernel<CpuMath>(Device.Accelerator);
        }

        public GpuDevice Device { get; }

        public Action<Index1D, ArrayView<float>, ArrayView<float>, int> Kernel { get; }

        public void Dispose() => Device.Dispose();
    }

    /// <summary>Special values and the hard cases, then bit patterns spread evenly over all floats (NaNs included).</summary>
    private static float[] Inputs()
    {
        uint[] special = [0x0000_0000, 0x8000_0000, 0x0000_0001, 0x8000_0001, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0001, 0x3F80_0000, 0xBF80_0000,
            .. DetMathHardCaseTests.Inputs()]; // the once-misrounded inputs: they take the precise paths
        var inputs = new float[special.Length + SampleCount];
        for (int i = 0; i < special.Length; i++)
        {
            inputs[i] = BitConverter.UInt32BitsToSingle(special[i]);
        }

        for (int i = 0; i < SampleCount; i++)
        {
            inputs[special.Length + i] = BitConverter.UInt32BitsToSingle((uint)i * (uint.MaxValue / SampleCount) + 0x1234u);
        }

        return inputs;
    }
}
