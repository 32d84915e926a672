using System;
using System.Collections.Generic;

namespace KernelGen;

/// <summary>
/// One node of an ONNX graph: its operator and the names of the tensors it reads and writes. Enough of
/// the graph to find which initializer plays which role (for example the weight of a <c>MatMul</c> whose
/// product receives a named bias); KernelGen does not execute ONNX graphs.
/// </summary>
public sealed class OnnxNode
{
    private readonly string[] _inputs;
    private readonly string[] _outputs;
    private readonly OnnxAttribute[] _attributes;

    internal OnnxNode(string name, string opType, string domain, string[] inputs, string[] outputs, OnnxAttribute[] attributes)
    {
        Name = name;
        OpType = opType;
        Domain = domain;
        _inputs = inputs;
        _outputs = outputs;
        _attributes = attributes;
        Inputs = Array.AsReadOnly(inputs);
        Outputs = Array.AsReadOnly(outputs);
    }

    /// <summary>The node's name (may be empty).</summary>
    public string Name { get; }

    /// <summary>The operator, for example <c>MatMul</c>.</summary>
    public string OpType { get; }

    /// <summary>The operator's domain; empty for the default ONNX domain.</summary>
    public string Domain { get; }

    /// <summary>The names of the tensors it reads, in order (an empty name is an omitted optional input).</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The names of the tensors it writes, in order.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{OpType} '{Name}' ({string.Join(", ", _inputs)}) -> ({string.Join(", ", _outputs)})";

    /// <summary>An integer attribute (<c>AttributeProto.i</c>), or <paramref name="fallback"/> when the node has none of that name.</summary>
    internal long GetInt(string name, long fallback)
    {
        foreach (OnnxAttribute attribute in _attributes)
        {
            if (attribute.Name == name)
            {
                return attribute.Int;
            }
        }

        return fallback;
    }

    /// <summary>A float attribute (<c>AttributeProto.f</c>), or <paramref name="fallback"/> when the node has none of that name.</summary>
    internal float GetFloat(string name, float fallback)
    {
        foreach (OnnxAttribute attribute in _attributes)
        {
            if (attribute.Name == name)
            {
                return attribute.Float;
            }
        }

        return fallback;
    }

    /// <summary>The node's attributes.</summary>
    internal ReadOnlySpan<OnnxAttribute> Attributes => _attributes;
}

/// <summary>The parts of an <c>AttributeProto</c> the reader keeps: its name, type, and scalar values (<c>f</c>, <c>i</c>).</summary>
internal sealed record OnnxAttribute(string Name, int Type, float Float, long Int);
