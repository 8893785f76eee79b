using System;
using System.Text;

namespace DslAe.Generators.Emit
{
    /// <summary>A string builder that knows the current indentation, so emitters write plain lines.</summary>
    internal sealed class SourceWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder _text = new StringBuilder();
        private int _indent;

        public SourceWriter Line(string line = "")
        {
            if (line.Length > 0)
            {
                for (var i = 0; i < _indent; i++)
                {
                    _text.Append(IndentUnit);
                }

                _text.Append(line);
            }

            _text.Append('\n');
            return this;
        }

        /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope ends.</summary>
        public IDisposable Block(string header)
        {
            Line(header);
            Line("{");
            _indent++;
            return new Closer(this);
        }

        public override string ToString() => _text.ToString();

        private sealed class Closer : IDisposable
        {
            private readonly SourceWriter _writer;
            private bool _closed;

            public Closer(SourceWriter writer) => _writer = writer;

            public void Dispose()
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                _writer._indent--;
                _writer.Line("}");
            }
        }
    }
}
