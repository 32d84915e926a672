using System;
using System.Linq;

namespace KernelGen.Generator.Emitting;

/// <summary>Small text helpers shared by the emitters.</summary>
internal static class EmitText
{
    /// <summary>Joins <c>item(0)</c> … <c>item(count - 1)</c> with ", ": the declarations of a row of accumulators.</summary>
    public static string JoinIndexed(int count, Func<int, string> item) =>
        string.Join(", ", Enumerable.Range(0, count).Select(item));
}
