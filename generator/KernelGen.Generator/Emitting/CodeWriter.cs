using System;
using System.Text;

namespace KernelGen.Generator.Emitting;

/// <summary>Writes indented C# source; <see cref="Block"/> opens a brace-delimited scope that its disposal closes.</summary>
internal sealed class CodeWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _depth;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (int i = 0; i < _depth; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    public CodeWriter Lines(params string[] lines)
    {
        foreach (string line in lines)
        {
            Line(line);
        }

        return this;
    }

    public Scope Block(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Scope(this, "}");
    }

    public override string ToString() => _builder.ToString();

    /// <summary>Closes a <see cref="Block"/>.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly CodeWriter _writer;
        private readonly string _closing;

        public Scope(CodeWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.Line(_closing);
        }
    }
}
