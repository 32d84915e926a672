using System;
using System.Linq;
using KernelGen.Generator.Model;

namespace KernelGen.Generator.Emitting;

/// <summary>Reopens a declared type for generated members: its namespace, its enclosing types and the partial class itself.</summary>
internal static class PartialTypeWriter
{
    /// <summary>
    /// Writes <c>partial class <paramref name="type"/></c> (with <c> : <paramref name="baseType"/></c> when one is
    /// given) inside its namespace and enclosing types, marked <c>[GeneratedCode]</c>, with the members that
    /// <paramref name="writeMembers"/> writes.
    /// </summary>
    public static void Write(CodeWriter writer, LayerTypeModel type, string? baseType, Action<CodeWriter> writeMembers)
    {
        if (type.Namespace is { } ns)
        {
            writer.Line($"namespace {ns};");
            writer.Line();
        }

        var scopes = type.ContainingTypes.Select(containing => writer.Block($"partial {containing.Keyword} {containing.Name}")).ToList();
        writer.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"KernelGen.Generator\", \"{GeneratorInfo.Version}\")]");
        using (writer.Block(baseType is null ? $"partial class {type.Name}" : $"partial class {type.Name} : {baseType}"))
        {
            writeMembers(writer);
        }

        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            scopes[i].Dispose();
        }
    }
}
