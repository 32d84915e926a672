using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace KernelGen;

/// <summary>
/// Rewrites the PTX that ILGPU emits so that the one-value local depots behind inline-assembly
/// <c>out</c> operands become registers.
/// </summary>
/// <remarks>
/// ILGPU lowers each <c>CudaAsm.Emit(…, out T result, …)</c> to an 8-byte <c>.local</c> depot: the
/// depot is zeroed, the instruction's result is stored into it and loaded back
/// (<c>st.local</c>, <c>st.local</c>, <c>ld.local</c>). DetMath's double-precision chains issue
/// hundreds of these per element (the GELU row kernel held 218 <c>st.local</c> and 109
/// <c>ld.local</c>), and measured on the H100 they cost far more than the arithmetic.
/// <para>
/// A depot qualifies when its address register is set once, from the depot, and used only by whole-value
/// <c>st.local</c>/<c>ld.local</c> of one scalar type the depot's size, with no offset. Such a depot
/// is one variable: it becomes a register of that type, each store a <c>mov</c> into it and each load
/// a <c>mov</c> out of it. The arithmetic instructions, their operands and their rounding modes are
/// not touched, so the kernel computes the same bits; anything that does not match is left as it was.
/// </para>
/// </remarks>
internal static partial class PtxLocalDepots
{
    /// <summary>The prefix of the registers that replace depots.</summary>
    internal const string RegisterPrefix = "%kgdepot";

    /// <summary>Returns <paramref name="ptx"/> with every qualifying depot of every function body turned into a register.</summary>
    /// <param name="ptx">A PTX module as ILGPU emits it: function bodies opened by a line <c>{</c> and closed by a line <c>}</c>.</param>
    /// <param name="promoted">How many depots became registers.</param>
    public static string PromoteToRegisters(string ptx, out int promoted)
    {
        ArgumentNullException.ThrowIfNull(ptx);
        string[] lines = ptx.Split('\n');
        promoted = 0;
        int bodyStart = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line == "{")
            {
                bodyStart = i + 1;
            }
            else if (line == "}" && bodyStart >= 0)
            {
                promoted += PromoteInBody(lines, bodyStart, i);
                bodyStart = -1;
            }
        }

        return string.Join('\n', lines);
    }

    private static int PromoteInBody(string[] lines, int start, int end)
    {
        var depots = new Dictionary<string, Depot>(StringComparer.Ordinal);
        var addressOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = start; i < end; i++)
        {
            Match declaration = DepotDeclaration().Match(lines[i]);
            if (declaration.Success)
            {
                depots[declaration.Groups["name"].Value] = new Depot(i, int.Parse(declaration.Groups["size"].Value, System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            Match address = DepotAddress().Match(lines[i]);
            if (address.Success && depots.TryGetValue(address.Groups["depot"].Value, out Depot? depot) && depot.AddressLine < 0)
            {
                depot.AddressLine = i;
                depot.Register = address.Groups["register"].Value;
                addressOf[depot.Register] = address.Groups["depot"].Value;
            }
        }

        // Every occurrence of a depot's name and of its address register must be one we understand.
        for (int i = start; i < end; i++)
        {
            string line = lines[i];
            if (!line.Contains("__local_depot", StringComparison.Ordinal) && !line.Contains("%rd", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match name in DepotName().Matches(line))
            {
                if (depots.TryGetValue(name.Value, out Depot? depot) && i != depot.DeclarationLine && i != depot.AddressLine)
                {
                    depot.Rejected = true;
                }
            }

            foreach (Match register in AddressRegister().Matches(line))
            {
                if (!addressOf.TryGetValue(register.Value, out string? depotName))
                {
                    continue;
                }

                Depot depot = depots[depotName];
                if (i == depot.AddressLine)
                {
                    continue;
                }

                Match access = Access().Match(line);
                if (!access.Success || access.Groups["address"].Value != register.Value)
                {
                    depot.Rejected = true;
                    continue;
                }

                string type = access.Groups["type"].Value;
                if (TypeSize(type) != depot.Size || (depot.Type is not null && depot.Type != type))
                {
                    depot.Rejected = true;
                    continue;
                }

                depot.Type = type;
                depot.Accesses.Add(i);
            }
        }

        int promoted = 0;
        foreach ((string name, Depot depot) in depots)
        {
            if (depot.Rejected || depot.AddressLine < 0 || depot.Type is null)
            {
                continue;
            }

            string register = RegisterPrefix + name["__local_depot".Length..];
            string indent = Indent(lines[depot.DeclarationLine]);
            lines[depot.DeclarationLine] = $"{indent}.reg .{depot.Type} {register};";
            lines[depot.AddressLine] = string.Empty;
            foreach (int i in depot.Accesses)
            {
                Match access = Access().Match(lines[i]);
                string accessIndent = Indent(lines[i]);
                lines[i] = access.Groups["op"].Value == "st"
                    ? $"{accessIndent}mov.{depot.Type} {register}, {access.Groups["value"].Value};"
                    : $"{accessIndent}mov.{depot.Type} {access.Groups["value"].Value}, {register};";
            }

            promoted++;
        }

        return promoted;
    }

    private static int TypeSize(string type) => type switch
    {
        "f32" or "b32" or "u32" or "s32" => 4,
        "f64" or "b64" or "u64" or "s64" => 8,
        _ => -1,
    };

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];

    private sealed class Depot(int declarationLine, int size)
    {
        public int DeclarationLine { get; } = declarationLine;

        public int Size { get; } = size;

        public int AddressLine { get; set; } = -1;

        public string Register { get; set; } = string.Empty;

        public string? Type { get; set; }

        public bool Rejected { get; set; }

        public List<int> Accesses { get; } = [];
    }

    [GeneratedRegex(@"^\s*\.local\s+\.align\s+\d+\s+\.b8\s+(?<name>__local_depot\d+)\[(?<size>\d+)\];\s*$")]
    private static partial Regex DepotDeclaration();

    [GeneratedRegex(@"^\s*mov\.[bu]64\s+(?<register>%rd\d+),\s*(?<depot>__local_depot\d+);\s*$")]
    private static partial Regex DepotAddress();

    [GeneratedRegex(@"__local_depot\d+(?!\d)")]
    private static partial Regex DepotName();

    [GeneratedRegex(@"%rd\d+(?!\d)")]
    private static partial Regex AddressRegister();

    // st.local.T [addr], value;   or   ld.local.T register, [addr];
    [GeneratedRegex(@"^\s*(?:(?<op>st)\.local\.(?<type>[a-z]\d+)\s+\[(?<address>%rd\d+)\],\s*(?<value>[^\s,;\[\]]+);|(?<op>ld)\.local\.(?<type>[a-z]\d+)\s+(?<value>%[a-z]+\d+),\s*\[(?<address>%rd\d+)\];)\s*$")]
    private static partial Regex Access();
}
