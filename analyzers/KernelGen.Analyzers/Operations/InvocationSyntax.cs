using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace KernelGen.Analyzers.Operations;

/// <summary>Locations inside an invocation's syntax.</summary>
internal static class InvocationSyntax
{
    /// <summary>
    /// The location of the invoked method's name (with its type arguments), e.g. <c>For&lt;float&gt;</c>
    /// in <c>Parallel.For&lt;float&gt;(…)</c>, so that a diagnostic on a long call underlines only the name.
    /// </summary>
    public static Location GetNameLocation(IInvocationOperation invocation) => invocation.Syntax switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.GetLocation(),
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => binding.Name.GetLocation(),
        InvocationExpressionSyntax { Expression: SimpleNameSyntax name } => name.GetLocation(),
        _ => invocation.Syntax.GetLocation(),
    };
}
