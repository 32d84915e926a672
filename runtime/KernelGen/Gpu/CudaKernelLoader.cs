using System;
using System.ComponentModel;
using System.Reflection;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;

namespace KernelGen.Generated;

/// <summary>
/// Loads generated kernels on a CUDA accelerator the way ILGPU's <c>KernelLoaders</c> do, with one
/// step between compiling and loading: <see cref="PtxLocalDepots"/> turns the local-memory depots of
/// inline-assembly results into registers. Generated code calls these on its CUDA branch; on any
/// other accelerator they fall back to ILGPU's loaders unchanged.
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CudaKernelLoader
{
    /// <summary>Loads an explicitly grouped kernel of four parameters as a launcher on the default stream.</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <typeparam name="T4">The fourth parameter's type.</typeparam>
    /// <param name="accelerator">The accelerator to load on.</param>
    /// <param name="kernel">The kernel method.</param>
    public static Action<KernelConfig, T1, T2, T3, T4> LoadStreamKernel<T1, T2, T3, T4>(Accelerator accelerator, Action<T1, T2, T3, T4> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(kernel);
        if (accelerator.AcceleratorType != AcceleratorType.Cuda)
        {
            return accelerator.LoadStreamKernel(kernel);
        }

        var launch = Load(accelerator, kernel.Method, explicitlyGrouped: true).CreateLauncherDelegate<Action<AcceleratorStream, KernelConfig, T1, T2, T3, T4>>();
        return (config, a1, a2, a3, a4) => launch(accelerator.DefaultStream, config, a1, a2, a3, a4);
    }

    /// <summary>Loads an explicitly grouped kernel of five parameters as a launcher on the default stream.</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <typeparam name="T4">The fourth parameter's type.</typeparam>
    /// <typeparam name="T5">The fifth parameter's type.</typeparam>
    /// <param name="accelerator">The accelerator to load on.</param>
    /// <param name="kernel">The kernel method.</param>
    public static Action<KernelConfig, T1, T2, T3, T4, T5> LoadStreamKernel<T1, T2, T3, T4, T5>(Accelerator accelerator, Action<T1, T2, T3, T4, T5> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(kernel);
        if (accelerator.AcceleratorType != AcceleratorType.Cuda)
        {
            return accelerator.LoadStreamKernel(kernel);
        }

        var launch = Load(accelerator, kernel.Method, explicitlyGrouped: true).CreateLauncherDelegate<Action<AcceleratorStream, KernelConfig, T1, T2, T3, T4, T5>>();
        return (config, a1, a2, a3, a4, a5) => launch(accelerator.DefaultStream, config, a1, a2, a3, a4, a5);
    }

    /// <summary>Loads an explicitly grouped kernel of six parameters as a launcher on the default stream.</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <typeparam name="T4">The fourth parameter's type.</typeparam>
    /// <typeparam name="T5">The fifth parameter's type.</typeparam>
    /// <typeparam name="T6">The sixth parameter's type.</typeparam>
    /// <param name="accelerator">The accelerator to load on.</param>
    /// <param name="kernel">The kernel method.</param>
    public static Action<KernelConfig, T1, T2, T3, T4, T5, T6> LoadStreamKernel<T1, T2, T3, T4, T5, T6>(Accelerator accelerator, Action<T1, T2, T3, T4, T5, T6> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(kernel);
        if (accelerator.AcceleratorType != AcceleratorType.Cuda)
        {
            return accelerator.LoadStreamKernel(kernel);
        }

        var launch = Load(accelerator, kernel.Method, explicitlyGrouped: true).CreateLauncherDelegate<Action<AcceleratorStream, KernelConfig, T1, T2, T3, T4, T5, T6>>();
        return (config, a1, a2, a3, a4, a5, a6) => launch(accelerator.DefaultStream, config, a1, a2, a3, a4, a5, a6);
    }

    /// <summary>Loads an explicitly grouped kernel of seven parameters as a launcher on the default stream.</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <typeparam name="T4">The fourth parameter's type.</typeparam>
    /// <typeparam name="T5">The fifth parameter's type.</typeparam>
    /// <typeparam name="T6">The sixth parameter's type.</typeparam>
    /// <typeparam name="T7">The seventh parameter's type.</typeparam>
    /// <param name="accelerator">The accelerator to load on.</param>
    /// <param name="kernel">The kernel method.</param>
    public static Action<KernelConfig, T1, T2, T3, T4, T5, T6, T7> LoadStreamKernel<T1, T2, T3, T4, T5, T6, T7>(Accelerator accelerator, Action<T1, T2, T3, T4, T5, T6, T7> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct
        where T7 : struct
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(kernel);
        if (accelerator.AcceleratorType != AcceleratorType.Cuda)
        {
            return accelerator.LoadStreamKernel(kernel);
        }

        var launch = Load(accelerator, kernel.Method, explicitlyGrouped: true).CreateLauncherDelegate<Action<AcceleratorStream, KernelConfig, T1, T2, T3, T4, T5, T6, T7>>();
        return (config, a1, a2, a3, a4, a5, a6, a7) => launch(accelerator.DefaultStream, config, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>Loads an implicitly grouped kernel of an index and three parameters, with ILGPU's automatic group size, as a launcher on the default stream.</summary>
    /// <typeparam name="TIndex">The index type.</typeparam>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <param name="accelerator">The accelerator to load on.</param>
    /// <param name="kernel">The kernel method.</param>
    public static Action<TIndex, T1, T2, T3> LoadAutoGroupedStreamKernel<TIndex, T1, T2, T3>(Accelerator accelerator, Action<TIndex, T1, T2, T3> kernel)
        where TIndex : struct, IIndex
        where T1 : struct
        where T2 : struct
        where T3 : struct
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(kernel);
        if (accelerator.AcceleratorType != AcceleratorType.Cuda)
        {
            return accelerator.LoadAutoGroupedStreamKernel(kernel);
        }

        var launch = Load(accelerator, kernel.Method, explicitlyGrouped: false).CreateLauncherDelegate<Action<AcceleratorStream, TIndex, T1, T2, T3>>();
        return (extent, a1, a2, a3) => launch(accelerator.DefaultStream, extent, a1, a2, a3);
    }

    /// <summary>Loads an implicitly grouped kernel of an index and four parameters, with ILGPU's automatic group size, as a launcher on the default stream.</summary>
    /// <typeparam name="TIndex">The index type.</typeparam>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <typeparam name="T4">The fourth parameter's type.</typeparam>
    /// <param name="accelerator">The accelerator to load on.</param>
    /// <param name="kernel">The kernel method.</param>
    public static Action<TIndex, T1, T2, T3, T4> LoadAutoGroupedStreamKernel<TIndex, T1, T2, T3, T4>(Accelerator accelerator, Action<TIndex, T1, T2, T3, T4> kernel)
        where TIndex : struct, IIndex
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(kernel);
        if (accelerator.AcceleratorType != AcceleratorType.Cuda)
        {
            return accelerator.LoadAutoGroupedStreamKernel(kernel);
        }

        var launch = Load(accelerator, kernel.Method, explicitlyGrouped: false).CreateLauncherDelegate<Action<AcceleratorStream, TIndex, T1, T2, T3, T4>>();
        return (extent, a1, a2, a3, a4) => launch(accelerator.DefaultStream, extent, a1, a2, a3, a4);
    }

    /// <summary>Loads an implicitly grouped kernel of an index and five parameters, with ILGPU's automatic group size, as a launcher on the default stream.</summary>
    /// <typeparam name="TIndex">The index type.</typeparam>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <typeparam name="T4">The fourth parameter's type.</typeparam>
    /// <typeparam name="T5">The fifth parameter's type.</typeparam>
    /// <param name="accelerator">The accelerator to load on.</param>
    /// <param name="kernel">The kernel method.</param>
    public static Action<TIndex, T1, T2, T3, T4, T5> LoadAutoGroupedStreamKernel<TIndex, T1, T2, T3, T4, T5>(Accelerator accelerator, Action<TIndex, T1, T2, T3, T4, T5> kernel)
        where TIndex : struct, IIndex
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(kernel);
        if (accelerator.AcceleratorType != AcceleratorType.Cuda)
        {
            return accelerator.LoadAutoGroupedStreamKernel(kernel);
        }

        var launch = Load(accelerator, kernel.Method, explicitlyGrouped: false).CreateLauncherDelegate<Action<AcceleratorStream, TIndex, T1, T2, T3, T4, T5>>();
        return (extent, a1, a2, a3, a4, a5) => launch(accelerator.DefaultStream, extent, a1, a2, a3, a4, a5);
    }

    /// <summary>
    /// Whether this ILGPU build exposes what the rewrite needs: <see cref="PTXCompiledKernel"/>'s
    /// constructor and the compiled kernel's entry point are internal to ILGPU 1.5.3, so they are found
    /// by reflection (ILGPU's version is pinned in Directory.Packages.props, and a test checks this).
    /// Without them kernels load as ILGPU compiled them: slower, with the same bits.
    /// </summary>
    internal static bool CanRewritePtx => PtxKernelConstructor is not null && EntryPointProperty is not null;

    private static readonly ConstructorInfo? PtxKernelConstructor = typeof(PTXCompiledKernel).GetConstructor(
        BindingFlags.Instance | BindingFlags.NonPublic,
        [typeof(Context), typeof(EntryPoint), typeof(CompiledKernel.KernelInfo), typeof(string)]);

    private static readonly PropertyInfo? EntryPointProperty = typeof(CompiledKernel).GetProperty("EntryPoint", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Compiles <paramref name="method"/>, promotes its local depots to registers and loads it.</summary>
    private static Kernel Load(Accelerator accelerator, MethodInfo method, bool explicitlyGrouped)
    {
        EntryPointDescription entry = explicitlyGrouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(method)
            : EntryPointDescription.FromImplicitlyGroupedKernel(method);
        CompiledKernel compiled = accelerator.CompileKernel(entry);
        if (compiled is PTXCompiledKernel ptx && CanRewritePtx)
        {
            string promoted = PtxLocalDepots.PromoteToRegisters(ptx.PTXAssembly, out _);
            compiled = (CompiledKernel)PtxKernelConstructor!.Invoke([ptx.Context, EntryPointProperty!.GetValue(ptx), ptx.Info, promoted]);
        }

        return explicitlyGrouped ? accelerator.LoadKernel(compiled) : accelerator.LoadAutoGroupedKernel(compiled);
    }
}
