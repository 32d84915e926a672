using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Operations;

/// <summary>
/// The APIs that run code on several threads at once (<c>Parallel</c>, <c>Task.Run</c>,
/// <c>TaskFactory.StartNew</c>, <c>ThreadPool</c>, <c>Thread</c>, PLINQ) and those that hand back
/// results in completion order, resolved once per compilation.
/// </summary>
internal sealed class FanOutMethods
{
    private readonly INamedTypeSymbol? _parallel;
    private readonly INamedTypeSymbol? _task;
    private readonly INamedTypeSymbol? _taskFactory;
    private readonly INamedTypeSymbol? _genericTaskFactory;
    private readonly INamedTypeSymbol? _threadPool;
    private readonly INamedTypeSymbol? _thread;
    private readonly INamedTypeSymbol? _parallelEnumerable;

    /// <summary>Resolves the APIs in <paramref name="compilation"/>.</summary>
    public FanOutMethods(Compilation compilation)
    {
        _parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
        _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        _taskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        _genericTaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
        _threadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
        _thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        _parallelEnumerable = compilation.GetTypeByMetadataName("System.Linq.ParallelEnumerable");
    }

    /// <summary>
    /// If <paramref name="body"/> is passed to an API that runs it concurrently, says what runs it
    /// (<c>"iteration of Parallel.For"</c>); otherwise <see langword="null"/>.
    /// </summary>
    public string? FindFanOut(IAnonymousFunctionOperation body)
    {
        IOperation? parent = body.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        if (parent is not IArgumentOperation argument)
        {
            return null;
        }

        switch (argument.Parent)
        {
            case IInvocationOperation invocation:
                IMethodSymbol method = invocation.TargetMethod;
                INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
                if (Is(type, _parallel) || (Is(type, _parallelEnumerable) && method.Name == "ForAll"))
                {
                    return "iteration of " + type.Name + "." + method.Name;
                }

                if ((Is(type, _task) && method.Name == "Run")
                    || ((Is(type, _taskFactory) || Is(type, _genericTaskFactory)) && method.Name == "StartNew")
                    || (Is(type, _threadPool) && method.Name.EndsWith("QueueUserWorkItem", System.StringComparison.Ordinal)))
                {
                    return "task started with " + type.Name + "." + method.Name;
                }

                return null;
            case IObjectCreationOperation creation when Is(creation.Type, _thread):
                return "thread started with new Thread";
            default:
                return null;
        }
    }

    /// <summary>
    /// If <paramref name="method"/> combines floating-point results in completion order, describes
    /// how; otherwise <see langword="null"/>.
    /// </summary>
    public string? DescribeCombination(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
        if (Is(type, _parallel) && HasFloatingPointLocal(method))
        {
            return $"Parallel.{method.Name} combines its per-thread floating-point partial results in localFinally as the threads finish";
        }

        if (Is(type, _parallelEnumerable)
            && method.Name is "Sum" or "Average" or "Aggregate"
            && FloatingPoint.IsFloatingPoint(method.ReturnType))
        {
            return $"ParallelEnumerable.{method.Name} combines the partial results of its worker threads as they finish";
        }

        if (Is(type, _task)
            && method.Name is "WhenAny" or "WhenEach"
            && method.IsGenericMethod
            && FloatingPoint.IsFloatingPoint(method.TypeArguments[0]))
        {
            return $"Task.{method.Name} hands back floating-point results in completion order";
        }

        return null;
    }

    private static bool HasFloatingPointLocal(IMethodSymbol method)
    {
        for (int i = 0; i < method.TypeParameters.Length; i++)
        {
            if (method.TypeParameters[i].Name == "TLocal" && FloatingPoint.IsFloatingPoint(method.TypeArguments[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}
