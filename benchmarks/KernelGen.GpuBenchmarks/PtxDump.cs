using System.IO;
using System.Reflection;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using KernelGen;
using KernelGen.Generated;

namespace KernelGen.GpuBenchmarks;

/// <summary>Writes the PTX that ILGPU compiles for a layer's kernels (Linear's tiled, staged and per-output kernels, a row layer's kernel), and the PTX that <see cref="CudaKernelLoader"/> loads (<c>*.loaded.ptx</c>), for inspection (fusion, spills).</summary>
internal static class PtxDump
{
    public static void Write(GpuDevice gpu, System.Type layer, string directory)
    {
        Directory.CreateDirectory(directory);
        const BindingFlags Flags = BindingFlags.NonPublic | BindingFlags.Static;
        foreach (MethodInfo kernel in layer.GetMethods(Flags))
        {
            bool explicitlyGrouped = kernel.Name.StartsWith("GpuTiled", System.StringComparison.Ordinal) || kernel.Name is "GpuRowKernel" or "GpuStagedKernel";
            if (explicitlyGrouped || kernel.Name == "GpuPerOutputKernel")
            {
                MethodInfo method = kernel.MakeGenericMethod(typeof(CudaMath));
                EntryPointDescription entry = explicitlyGrouped
                    ? EntryPointDescription.FromExplicitlyGroupedKernel(method)
                    : EntryPointDescription.FromImplicitlyGroupedKernel(method);
                Write(gpu, entry, Path.Combine(directory, $"{layer.Name}.{kernel.Name}.ptx"));
            }
        }
    }

    private static void Write(GpuDevice gpu, EntryPointDescription entry, string path)
    {
        var kernel = (PTXCompiledKernel)gpu.Accelerator.CompileKernel(entry);
        File.WriteAllText(path, kernel.PTXAssembly);

        // What CudaKernelLoader loads: the same PTX with the inline-assembly depots in registers.
        string loaded = PtxLocalDepots.PromoteToRegisters(kernel.PTXAssembly, out int promoted);
        File.WriteAllText(Path.ChangeExtension(path, ".loaded.ptx"), loaded);
        System.Console.Error.WriteLine($"PTX {Path.GetFileName(path)}: {Count(kernel.PTXAssembly, "st.local")} st.local, {Count(kernel.PTXAssembly, "ld.local")} ld.local as compiled; {promoted} depots promoted; loaded: {Count(loaded, "st.local")} st.local, {Count(loaded, "ld.local")} ld.local");
    }

    private static int Count(string text, string token)
    {
        int count = 0;
        for (int i = text.IndexOf(token, System.StringComparison.Ordinal); i >= 0; i = text.IndexOf(token, i + token.Length, System.StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
