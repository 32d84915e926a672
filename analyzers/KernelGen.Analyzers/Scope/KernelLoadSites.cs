using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Analyzers.Scope;

/// <summary>
/// The methods a compilation passes as method groups to ILGPU's <c>Load*Kernel</c> methods, found
/// syntactically and named by (containing type, method). Matching by name needs no semantic model
/// of other files, so a kernel is recognized wherever it is loaded; a same-named method in a
/// same-named type is the only false match, and it would be device code in practice.
/// </summary>
internal sealed class KernelLoadSites
{
    private readonly HashSet<(string TypeName, string MethodName)> _sites;

    private KernelLoadSites(HashSet<(string TypeName, string MethodName)> sites) => _sites = sites;

    /// <summary>Whether <paramref name="method"/> is passed to a <c>Load*Kernel</c> call somewhere in the compilation.</summary>
    public bool Contains(IMethodSymbol method)
        => _sites.Count != 0 && _sites.Contains((method.ContainingType?.Name ?? string.Empty, method.Name));

    /// <summary>Scans every syntax tree of <paramref name="compilation"/> once.</summary>
    public static KernelLoadSites Collect(Compilation compilation)
    {
        var sites = new HashSet<(string, string)>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax loader } invocation
                    && IsKernelLoader(loader.Name.Identifier.ValueText))
                {
                    AddMethodGroups(invocation, sites);
                }
            }
        }

        return new KernelLoadSites(sites);
    }

    private static bool IsKernelLoader(string name)
        => name.StartsWith("Load", StringComparison.Ordinal) && name.EndsWith("Kernel", StringComparison.Ordinal);

    private static void AddMethodGroups(InvocationExpressionSyntax invocation, HashSet<(string, string)> sites)
    {
        foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
        {
            switch (argument.Expression)
            {
                case SimpleNameSyntax name when invocation.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is { } type:
                    sites.Add((type.Identifier.ValueText, name.Identifier.ValueText));
                    break;
                case MemberAccessExpressionSyntax { Expression: var qualifier } access when RightmostName(qualifier) is { } typeName:
                    sites.Add((typeName, access.Name.Identifier.ValueText));
                    break;
            }
        }
    }

    private static string? RightmostName(ExpressionSyntax qualifier) => qualifier switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}
