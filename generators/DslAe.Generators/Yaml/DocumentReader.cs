using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using DslAe.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DslAe.Generators.Yaml
{
    /// <summary>
    /// Reads YAML text into a <see cref="DocNode"/> tree with YamlDotNet's event parser (not its object model, so
    /// duplicate keys survive to be reported and every node keeps its marks). Syntax errors, unknown aliases, several
    /// documents and absurd nesting become DSLAE2xx diagnostics; nothing here throws except on cancellation.
    /// </summary>
    internal static class DocumentReader
    {
        private const string CheckHint = "check the indentation (spaces, not tabs), brackets and quotes at this point";

        /// <summary>Deeper nesting than any declaration needs; the limit keeps hostile input from exhausting the stack.</summary>
        private const int MaxDepth = 64;

        /// <summary>The first document's root, or null (with a diagnostic) when the text holds no usable document.</summary>
        public static DocNode? Read(string text, string fileName, SourceSpans spans, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var parser = new Parser(new StringReader(text));
            var anchors = new Dictionary<string, DocNode>();
            var open = new Stack<Container>();
            DocNode? root = null;
            var documents = 0;
            var lastEnd = Mark.Empty;
            try
            {
                while (parser.MoveNext())
                {
                    ct.ThrowIfCancellationRequested();
                    lastEnd = parser.Current!.End;
                    switch (parser.Current)
                    {
                        case DocumentStart:
                            documents++;
                            if (documents == 2)
                            {
                                diagnostics.Add(YamlFrontEndRules.SeveralDocuments.Create(spans.FromMarks(parser.Current.Start, parser.Current.End), fileName, CountDocuments(text)));
                                return null;
                            }

                            break;
                        case Scalar scalar:
                            var node = new DocScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, spans.FromMarks(scalar.Start, scalar.End));
                            Remember(anchors, scalar.Anchor, node);
                            Attach(open, node, ref root);

                            break;
                        case SequenceStart sequenceStart:
                            if (!Open(open, new Container(new DocSequence(spans.FromMarks(sequenceStart.Start, sequenceStart.End)), sequenceStart.Anchor,
                                    sequenceStart.Style == SequenceStyle.Flow ? '[' : (char?)null), spans, diagnostics))
                            {
                                return null;
                            }

                            break;
                        case MappingStart mappingStart:
                            if (!Open(open, new Container(new DocMapping(spans.FromMarks(mappingStart.Start, mappingStart.End)), mappingStart.Anchor,
                                    mappingStart.Style == MappingStyle.Flow ? '{' : (char?)null), spans, diagnostics))
                            {
                                return null;
                            }

                            break;
                        case SequenceEnd:
                        case MappingEnd:
                            var closed = open.Pop();
                            closed.Node.Location = spans.Collection(closed.Node.Location, parser.Current.End);
                            Remember(anchors, closed.Anchor, closed.Node);
                            Attach(open, closed.Node, ref root);

                            break;
                        case AnchorAlias alias:
                            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                            {
                                diagnostics.Add(YamlFrontEndRules.SyntaxError.Create(spans.FromMarks(alias.Start, alias.End),
                                    "the alias *" + alias.Value.Value + " refers to no anchor defined before it",
                                    "define '&" + alias.Value.Value + "' on an earlier node, or write the value out"));
                                return null;
                            }

                            Attach(open, target, ref root);

                            break;
                    }
                }
            }
            catch (YamlException e)
            {
                diagnostics.Add(Explained(text, spans, open, e.Start, e.End) ?? YamlFrontEndRules.SyntaxError.Create(spans.FromMarks(e.Start, e.End), Describe(e), CheckHint));
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // YamlDotNet's scanner throws plain exceptions on some malformed input (found by the fuzz test); it is
                // still a syntax error, located after the last part the reader understood.
                diagnostics.Add(Explained(text, spans, open, lastEnd, lastEnd) ?? YamlFrontEndRules.SyntaxError.Create(spans.FromMarks(lastEnd, lastEnd),
                    "the YAML reader could not read on after this point", CheckHint));
                return null;
            }

            return root;
        }

        /// <summary>
        /// The two slips YamlDotNet's own messages describe least well, told in words and where they are: a tab in a line's
        /// indentation (YAML indents with spaces only; reported at the first such tab), and a flow collection ('{' or
        /// '[') still open where the text ends (reported at the bracket that opened it). Null for anything else.
        /// </summary>
        private static DiagnosticInfo? Explained(string text, SourceSpans spans, Stack<Container> open, Mark start, Mark end)
        {
            // YamlDotNet places some tab errors at the file's start (index 0): a tab there or before the failure explains it.
            var tab = IndentingTab(text);
            if (tab >= 0 && (end.Index == 0 || tab <= end.Index))
            {
                return YamlFrontEndRules.SyntaxError.Create(spans.FromOffsets(tab, tab + 1), "a tab indents this line, and YAML indents with spaces only",
                    "replace the tab with spaces");
            }

            Container? flow = null;
            foreach (var container in open)
            {
                if (container.Bracket is not null)
                {
                    flow = container;
                    break;
                }
            }

            var atEnd = text.Substring(Math.Min((int)start.Index, text.Length)).Trim().Length == 0;
            if (flow is null || !atEnd)
            {
                return null;
            }

            var (opening, closing) = flow.Bracket == '{' ? ("{", "}") : ("[", "]");
            return YamlFrontEndRules.SyntaxError.Create(flow.Opened,
                "the '" + opening + "' here is never closed: the file ends before its '" + closing + "'",
                "add '" + closing + "' where the " + (opening == "{" ? "mapping" : "list") + " ends");
        }

        /// <summary>The index of the first tab in the leading whitespace of a line, or -1.</summary>
        private static int IndentingTab(string text)
        {
            var lineStart = true;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\n')
                {
                    lineStart = true;
                }
                else if (lineStart && c == '\t')
                {
                    return i;
                }
                else if (c != ' ' && c != '\r')
                {
                    lineStart = false;
                }
            }

            return -1;
        }

        /// <summary>Adds a finished node to the open container, or makes it the document's root.</summary>
        private static void Attach(Stack<Container> open, DocNode node, ref DocNode? root)
        {
            if (open.Count == 0)
            {
                root = node;
                return;
            }

            open.Peek().Add(node);
        }

        private static bool Open(Stack<Container> open, Container container, SourceSpans spans, List<DiagnosticInfo> diagnostics)
        {
            if (open.Count >= MaxDepth)
            {
                diagnostics.Add(YamlFrontEndRules.SyntaxError.Create(container.Node.Location,
                    "the document nests deeper than " + MaxDepth + " levels", "a model declaration needs only a few levels; flatten the structure"));
                return false;
            }

            open.Push(container);
            return true;
        }

        private static void Remember(Dictionary<string, DocNode> anchors, AnchorName anchor, DocNode node)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }
        }


        /// <summary>YamlDotNet's message without the "(Line: 1, Col: 2, Idx: 1) - (...): " prefix, which the location already gives.</summary>
        private static string Describe(YamlException e)
        {
            var message = e.Message;
            var separator = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(", StringComparison.Ordinal) && separator > 0)
            {
                message = message.Substring(separator + 3);
            }

            message = message.Trim().TrimEnd('.');
            return message.Length == 0 ? "the YAML reader stopped here" : message;
        }

        /// <summary>How many documents the stream holds, for the message (counted leniently: a later one may be malformed).</summary>
        private static int CountDocuments(string text)
        {
            var count = 0;
            try
            {
                var parser = new Parser(new StringReader(text));
                while (parser.MoveNext())
                {
                    if (parser.Current is DocumentStart)
                    {
                        count++;
                    }
                }
            }
            catch (YamlException)
            {
                // The count is only for the message; a malformed later document still counts as started.
            }

            return count;
        }

        /// <summary>A collection being read and, for mappings, the key waiting for its value.</summary>
        private sealed class Container
        {
            private DocNode? _pendingKey;

            public Container(DocNode node, AnchorName anchor, char? bracket)
            {
                Node = node;
                Anchor = anchor;
                Bracket = bracket;
                Opened = node.Location;
            }

            /// <summary>'{' or '[' for a flow collection, null for a block one.</summary>
            public char? Bracket { get; }

            /// <summary>Where the collection starts (its opening bracket for a flow collection).</summary>
            public SourceLocation Opened { get; }

            public DocNode Node { get; }

            public AnchorName Anchor { get; }

            public void Add(DocNode child)
            {
                if (Node is DocSequence sequence)
                {
                    sequence.Items.Add(child);
                    return;
                }

                var mapping = (DocMapping)Node;
                if (_pendingKey is null)
                {
                    _pendingKey = child;
                    return;
                }

                var key = _pendingKey;
                _pendingKey = null;
                mapping.Entries.Add(new DocEntry(key, child, Span(key.Location, child.Location)));
            }

            private static SourceLocation Span(SourceLocation key, SourceLocation value)
            {
                var end = System.Math.Max(key.Start + key.Length, value.Start + value.Length);
                if (value.Start < key.Start || value.FilePath != key.FilePath)
                {
                    // An alias's target lies elsewhere in the file: point at the key alone.
                    return key;
                }

                return key with
                {
                    Length = end - key.Start,
                    EndLine = value.EndLine,
                    EndColumn = value.EndColumn,
                };
            }
        }
    }
}
