using System.Linq;
using System.Threading;
using KernelGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generator.Parsing;

/// <summary>Finds the syntax of an attribute's arguments, by parameter name or by position.</summary>
internal readonly struct AttributeArguments
{
    private readonly AttributeSyntax? _syntax;

    public AttributeArguments(AttributeData attribute, CancellationToken cancellationToken)
    {
        _syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
    }

    public LocationInfo? AttributeLocation => LocationInfo.From(_syntax);

    public LocationInfo? ConstructorArgumentLocation(string parameterName, int position)
    {
        if (_syntax?.ArgumentList is not { } list)
        {
            return AttributeLocation;
        }

        AttributeArgumentSyntax? named = list.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameterName);
        if (named is not null)
        {
            return LocationInfo.From(named);
        }

        // Constructor arguments precede property assignments (NameEquals); an unnamed one is always
        // at its parameter's position, even after a named one (C# 7.2: Linear(inFeatures: 8, 0)).
        AttributeArgumentSyntax[] constructorArguments = list.Arguments.Where(a => a.NameEquals is null).ToArray();
        return position < constructorArguments.Length && constructorArguments[position].NameColon is null
            ? LocationInfo.From(constructorArguments[position])
            : AttributeLocation;
    }

    /// <summary>The location of a named property assignment (<c>Epsilon = 0.1f</c>), or of the attribute.</summary>
    public LocationInfo? NamedArgumentLocation(string propertyName)
    {
        AttributeArgumentSyntax? named = _syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == propertyName);
        return named is null ? AttributeLocation : LocationInfo.From(named);
    }
}
