using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace KernelGen;

/// <summary>
/// Thrown by <see cref="Module.LoadStateDict(SafetensorsFile, bool)"/> when the file does not match the module:
/// it lists every missing, unexpected, mis-shaped and mis-typed tensor by name, with shapes, and nothing was loaded.
/// </summary>
public sealed class StateDictMismatchException : Exception
{
    /// <summary>Creates the exception with a message only (no lists).</summary>
    public StateDictMismatchException(string message)
        : this(message, [], [], [], [])
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it (no lists).</summary>
    public StateDictMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Missing = [];
        Unexpected = [];
        MisShaped = [];
        MisTyped = [];
    }

    private StateDictMismatchException(string message, string[] missing, string[] unexpected, string[] misShaped, string[] misTyped)
        : base(message)
    {
        Missing = missing;
        Unexpected = unexpected;
        MisShaped = misShaped;
        MisTyped = misTyped;
    }

    /// <summary>The module's tensors the file lacks, in the module's order.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>The file's tensors the module has no place for, in the file's order (reported only when loading strictly).</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>The tensors whose shape in the file differs from the module's, in the module's order.</summary>
    public IReadOnlyList<string> MisShaped { get; }

    /// <summary>The tensors whose dtype in the file cannot be read as the module's (a float for an int64 counter, an integer for a weight).</summary>
    public IReadOnlyList<string> MisTyped { get; }

    /// <summary>Builds the exception; each list holds lines already formatted (<c>fc1.weight (3, 4)</c>).</summary>
    internal static StateDictMismatchException Create(string moduleName, string[] missing, string[] unexpected, string[] misShaped, string[] misTyped)
    {
        var message = new StringBuilder();
        message.Append($"The state dict does not match {moduleName}: ")
            .Append($"{missing.Length} missing, {unexpected.Length} unexpected, {misShaped.Length} mis-shaped, {misTyped.Length} mis-typed; nothing was loaded.");
        foreach ((string kind, string[] lines) in new[] { ("missing", missing), ("unexpected", unexpected), ("mis-shaped", misShaped), ("mis-typed", misTyped) })
        {
            foreach (string line in lines)
            {
                message.Append('\n').Append("  ").Append(kind).Append(": ").Append(line);
            }
        }

        return new StateDictMismatchException(message.ToString(), missing, unexpected, misShaped, misTyped);
    }

    /// <summary>The lines of every list, for tests and logs.</summary>
    internal IEnumerable<string> AllLines => Missing.Concat(Unexpected).Concat(MisShaped).Concat(MisTyped);
}
