using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using KernelGen.Generated;
using Xunit;

namespace KernelGen.Runtime.Tests;

/// <summary>
/// <see cref="PtxLocalDepots"/>: the depots of inline-assembly results become registers, every
/// arithmetic instruction stays as ILGPU emitted it, and anything the rewrite does not fully
/// understand is left alone. (The CUDA tests of every layer check the loaded kernels' bits on a GPU.)
/// </summary>
public sealed class PtxLocalDepotsTests
{
    private const string Header = ".version 8.8\n.target sm_80\n.address_size 64\n\n.visible .entry Kernel_Test(\n\t.param .b32 _rows\n)\n{\n";

    [Fact]
    public void PromoteToRegisters_TheInlineAssemblyPattern_BecomesRegisterMoves()
    {
        string ptx = Header +
            "\t.local .align 8 .b8 __local_depot0[8];\n" +
            "\t.reg .f64\t%fd<4>;\n" +
            "\t.reg .b64\t%rd<8>;\n" +
            "\tmov.b64\t%rd7, __local_depot0;\n" +
            "\tst.local.f64\t[%rd7], 0d0000000000000000;\n" +
            "\tfma.rn.f64 \t%fd2, %fd0, %fd1, 0d3F816EB7569307D6;\n" +
            "\tst.local.f64\t[%rd7], %fd2;\n" +
            "\tld.local.f64\t%fd3, [%rd7];\n" +
            "\tret;\n}\n";

        string result = PtxLocalDepots.PromoteToRegisters(ptx, out int promoted);

        Assert.Equal(1, promoted);
        Assert.Equal(
            Header +
            "\t.reg .f64 %kgdepot0;\n" +
            "\t.reg .f64\t%fd<4>;\n" +
            "\t.reg .b64\t%rd<8>;\n" +
            "\n" +
            "\tmov.f64 %kgdepot0, 0d0000000000000000;\n" +
            "\tfma.rn.f64 \t%fd2, %fd0, %fd1, 0d3F816EB7569307D6;\n" +
            "\tmov.f64 %kgdepot0, %fd2;\n" +
            "\tmov.f64 %fd3, %kgdepot0;\n" +
            "\tret;\n}\n",
            result);
    }

    [Theory]
    [InlineData("\tld.local.f32\t%f3, [%rd7+4];\n")] // an offset into the depot
    [InlineData("\tcvta.local.u64\t%rd6, %rd7;\n")] // the address escapes
    [InlineData("\tld.local.u32\t%r3, [%rd7];\n")] // read back as another type
    [InlineData("\tmov.b64\t%rd5, __local_depot0;\n")] // a second address of the depot
    public void PromoteToRegisters_ADepotUsedAnyOtherWay_IsLeftAlone(string otherUse)
    {
        string ptx = Header +
            "\t.local .align 4 .b8 __local_depot0[4];\n" +
            "\tmov.b64\t%rd7, __local_depot0;\n" +
            "\tst.local.f32\t[%rd7], %f2;\n" +
            otherUse +
            "\tld.local.f32\t%f3, [%rd7];\n" +
            "\tret;\n}\n";

        string result = PtxLocalDepots.PromoteToRegisters(ptx, out int promoted);

        Assert.Equal(0, promoted);
        Assert.Equal(ptx, result);
    }

    [Fact]
    public void PromoteToRegisters_AValueSmallerThanItsDepot_IsLeftAlone()
    {
        string ptx = Header +
            "\t.local .align 8 .b8 __local_depot0[8];\n" +
            "\tmov.b64\t%rd7, __local_depot0;\n" +
            "\tst.local.f32\t[%rd7], %f2;\n" +
            "\tld.local.f32\t%f3, [%rd7];\n" +
            "\tret;\n}\n";

        Assert.Equal(ptx, PtxLocalDepots.PromoteToRegisters(ptx, out int promoted));
        Assert.Equal(0, promoted);
    }

    [Fact]
    public void PromoteToRegisters_TheGeluRowKernel_LeavesNoLocalMemoryAndTheSameArithmetic()
    {
        string ptx = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "ptx", "Gelu768.GpuRowKernel.ptx"));

        string result = PtxLocalDepots.PromoteToRegisters(ptx, out int promoted);

        Assert.Equal(109, promoted);
        Assert.DoesNotContain(".local", result, StringComparison.Ordinal);
        Assert.Equal(Arithmetic(ptx), Arithmetic(result));
        Assert.Equal(Count(ptx, "fma.rn.f64"), Count(result, "fma.rn.f64"));
    }

    [Fact]
    public void PromoteToRegisters_IsIdempotent()
    {
        string ptx = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "ptx", "Gelu768.GpuRowKernel.ptx"));
        string once = PtxLocalDepots.PromoteToRegisters(ptx, out _);

        Assert.Equal(once, PtxLocalDepots.PromoteToRegisters(once, out int promotedAgain));
        Assert.Equal(0, promotedAgain);
    }

    [Fact]
    public void CudaKernelLoader_FindsTheIlgpuMembersItNeeds()
    {
        // PTXCompiledKernel's constructor and CompiledKernel.EntryPoint are internal to ILGPU 1.5.3;
        // an ILGPU upgrade that moves them must fail here, not silently load slower kernels.
        Assert.True(CudaKernelLoader.CanRewritePtx);
    }

    /// <summary>Every instruction line except loads, stores and moves, in order.</summary>
    private static string[] Arithmetic(string ptx) => ptx
        .Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('.') && !line.StartsWith("//", StringComparison.Ordinal))
        .Where(line => !Regex.IsMatch(line, @"^(mov|st\.local|ld\.local)\b"))
        .ToArray();

    private static int Count(string text, string token) => Regex.Matches(text, Regex.Escape(token)).Count;
}
