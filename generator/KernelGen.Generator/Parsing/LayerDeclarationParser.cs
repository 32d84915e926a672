using System.Collections.Generic;
using System.Threading;
using KernelGen.Generator.Diagnostics;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generator.Parsing;

/// <summary>What every layer parser does first: find the one attribute, check the type, read constructor arguments.</summary>
internal static class LayerDeclarationParser
{
    /// <summary>
    /// Returns <see langword="false"/> when there is nothing to generate and nothing to report: the
    /// target is not a class, or the attribute is applied twice (the compiler's CS0579; a model for
    /// each would give two files of one hint name, and the driver throws).
    /// </summary>
    public static bool TryBegin(
        GeneratorAttributeSyntaxContext context,
        string baseTypeName,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken,
        out INamedTypeSymbol type,
        out LayerTypeModel? typeModel,
        out AttributeData attribute)
    {
        type = null!;
        typeModel = null;
        attribute = null!;
        if (context.TargetSymbol is not INamedTypeSymbol symbol
            || context.TargetNode is not ClassDeclarationSyntax declaration
            || context.Attributes.Length != 1
            || AppliedMoreThanOnce(symbol, context.Attributes[0]))
        {
            return false;
        }

        type = symbol;
        attribute = context.Attributes[0];
        typeModel = LayerTypeParser.Parse(symbol, declaration, baseTypeName, diagnostics, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return true;
    }

    /// <summary>
    /// Reads the constructor's int arguments; <see langword="false"/> when the compiler could not bind
    /// them (missing or mistyped arguments are the compiler's to report).
    /// </summary>
    public static bool TryReadInts(AttributeData attribute, int count, out int[] values)
    {
        values = new int[count];
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != count)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            if (attribute.ConstructorArguments[i].Value is not int value)
            {
                return false;
            }

            values[i] = value;
        }

        return true;
    }

    /// <summary>Reads a named property assignment, or keeps <paramref name="value"/>; <see langword="false"/> when it has the wrong type.</summary>
    public static bool TryReadNamed<T>(AttributeData attribute, string name, ref T value)
    {
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == name)
            {
                if (named.Value.Value is not T typed)
                {
                    return false;
                }

                value = typed;
            }
        }

        return true;
    }

    /// <summary>Reports KG1002 when a declared extent is outside 1..2^20.</summary>
    public static void CheckDimension(string name, int value, int position, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
    {
        if (value < 1 || value > GeneratorDiagnostics.MaxDimension)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                GeneratorDiagnostics.DimensionOutOfRange, arguments.ConstructorArgumentLocation(name, position), name, value));
        }
    }

    /// <summary>Whether the attribute class of <paramref name="attribute"/> is applied to <paramref name="type"/> more than once (CS0579, the compiler's to report).</summary>
    public static bool AppliedMoreThanOnce(INamedTypeSymbol type, AttributeData attribute)
    {
        int count = 0;
        foreach (AttributeData applied in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(applied.AttributeClass, attribute.AttributeClass) && ++count > 1)
            {
                return true;
            }
        }

        return false;
    }
}
