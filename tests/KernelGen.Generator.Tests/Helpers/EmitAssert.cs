using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace KernelGen.Generator.Tests.Helpers;

/// <summary>Asserts that a run's output compiles as a user's project would build it: no driver diagnostic, no warning, no error.</summary>
internal static class EmitAssert
{
    public static void EmitsWithoutWarnings(GeneratorRun run)
    {
        Assert.Empty(run.DriverDiagnostics);
        Assert.Empty(run.Result.Diagnostics);
        Assert.NotEmpty(run.Result.GeneratedSources);

        EmitResult emit = run.OutputCompilation.Emit(Stream.Null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(emit.Diagnostics.Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).Select(diagnostic => diagnostic.ToString()));
        Assert.True(emit.Success);
    }
}
