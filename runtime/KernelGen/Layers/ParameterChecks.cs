using System;

namespace KernelGen;

/// <summary>Checks of parameter vectors, with messages that name the argument, the length it got and the one it needs.</summary>
internal static class ParameterChecks
{
    /// <summary>Checks that an optional parameter vector has <paramref name="length"/> values when present and none when absent.</summary>
    /// <param name="actual">The length passed.</param>
    /// <param name="present">Whether the layer declares the parameter.</param>
    /// <param name="length">Its declared length.</param>
    /// <param name="name">The argument's name.</param>
    /// <param name="layerName">The layer's type name.</param>
    /// <param name="absentBecause">The declaration that leaves it out, for the message.</param>
    public static void CheckVector(int actual, bool present, int length, string name, string layerName, string absentBecause)
    {
        if (present && actual != length)
        {
            throw new ArgumentException($"{name} has {actual} values; a {layerName} needs [{length}] = {length}.", name);
        }

        if (!present && actual != 0)
        {
            throw new ArgumentException($"{name} has {actual} values, but {layerName} is declared without a {name} ({absentBecause}): pass an empty span.", name);
        }
    }
}
