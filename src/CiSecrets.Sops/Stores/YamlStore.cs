using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CiSecrets.Sops;

/// <summary>
/// The YAML store: YamlDotNet's event parser (comments kept, every scalar's span recorded) typed with
/// yaml.v3's rules, and a writer in sops' layout (yaml.v3, indent 4).
/// https://github.com/getsops/sops/blob/main/stores/yaml/store.go
/// </summary>
internal sealed class YamlStore : ISopsStore
{
    public SopsFormat Format => SopsFormat.Yaml;

    public ParsedDocument Parse(string text, string subject)
    {
        List<ParsingEvent> events;
        try
        {
            events = [];
            var bounds = new YamlBounds(subject);
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: false));
            while (parser.MoveNext())
            {
                // Checked as read: a bomb or a deep nest stops here, before any tree is built.
                bounds.Observe(parser.Current!);
                events.Add(parser.Current!);
            }
        }
        catch (YamlException e)
        {
            throw new InputException(subject, $"malformed YAML at line {e.Start.Line}, column {e.Start.Column}: {FirstLine(e.Message)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections.
            throw new InputException(subject, "malformed YAML (an unterminated flow collection or quote?)");
        }

        var builder = new TreeBuilder(text, events, subject);
        var branches = builder.Build();
        var (metadata, spans, scalars) = SopsStores.ExtractMetadata(branches, subject);
        return new ParsedDocument { Text = text, Branches = branches, MetadataNode = metadata, MetadataSpans = spans, MetadataScalars = scalars };
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    public string Emit(IReadOnlyList<SopsMapping> branches, SopsMapping? metadata)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < branches.Count; i++)
        {
            if (i > 0)
            {
                builder.Append("---\n");
            }

            var branch = branches[i];
            if (metadata is not null)
            {
                branch = (SopsMapping)branch.Clone();
                branch.Add("sops", metadata);
            }

            if (!branch.Items.Any())
            {
                builder.Append("{}\n");
                continue;
            }

            EmitMapping(builder, branch, 0, 0, false);
        }

        return builder.ToString();
    }

    public string RenderScalar(SopsScalar original, SopsScalar value)
    {
        if (value.Kind == ScalarKind.String && EncryptedValue.LooksEncrypted((string)value.Value!))
        {
            return original.InFlow ? YamlScalars.DoubleQuoted((string)value.Value!) : (string)value.Value!;
        }

        if (original.Block)
        {
            throw new InvalidOperationException("a block scalar cannot be replaced by a plain value in place");
        }

        return ScalarText(value, 0, allowBlock: false);
    }

    public IEnumerable<TextEdit> ReplaceMetadata(ParsedDocument document, SopsMapping metadata)
    {
        var block = new StringBuilder();
        var wrapper = new SopsMapping().Add("sops", metadata);
        EmitMapping(block, wrapper, 0, 0, false);
        foreach (var span in document.MetadataSpans)
        {
            yield return new TextEdit(ExtendToLineEnd(document.Text, span), block.ToString());
        }
    }

    private static TextSpan ExtendToLineEnd(string text, TextSpan span)
    {
        var end = span.End;
        if (end > 0 && text[end - 1] == '\n')
        {
            return span;
        }

        var newline = text.IndexOf('\n', end);
        return new TextSpan(span.Start, newline < 0 ? text.Length : newline + 1);
    }

    /// <summary>Writes a mapping whose keys sit at <paramref name="keyColumn"/> and whose children indent from <paramref name="indent"/>.</summary>
    private static void EmitMapping(StringBuilder builder, SopsMapping mapping, int indent, int keyColumn, bool started)
    {
        var first = true;
        foreach (var item in mapping.Items)
        {
            if (!(first && started))
            {
                builder.Append(' ', keyColumn);
            }

            first = false;
            if (item is SopsComment comment)
            {
                builder.Append('#').Append(comment.Text).Append('\n');
                continue;
            }

            var entry = (SopsEntry)item;
            builder.Append(YamlScalars.QuoteString(entry.Key, 0, allowBlock: false)).Append(':');
            EmitValue(builder, entry.Value, indent + 4);
        }
    }

    /// <summary>Writes what follows <c>key:</c>; nested collections indent to <paramref name="childIndent"/>.</summary>
    private static void EmitValue(StringBuilder builder, SopsNode value, int childIndent)
    {
        switch (value)
        {
            case SopsMapping { Items.Count: 0 }:
                builder.Append(" {}\n");
                break;
            case SopsSequence { Items.Count: 0 }:
                builder.Append(" []\n");
                break;
            case SopsMapping m:
                builder.Append('\n');
                EmitMapping(builder, m, childIndent, childIndent, false);
                break;
            case SopsSequence s:
                builder.Append('\n');
                EmitSequence(builder, s, childIndent, false);
                break;
            case SopsScalar scalar:
                builder.Append(' ').Append(ScalarText(scalar, childIndent, allowBlock: true)).Append('\n');
                break;
        }
    }

    private static void EmitSequence(StringBuilder builder, SopsSequence sequence, int dashColumn, bool started)
    {
        var first = true;
        foreach (var item in sequence.Items)
        {
            if (!(first && started))
            {
                builder.Append(' ', dashColumn);
            }

            first = false;
            switch (item)
            {
                case SopsComment comment:
                    builder.Append('#').Append(comment.Text).Append('\n');
                    break;
                case SopsMapping { Items.Count: > 0 } m:
                    builder.Append("- ");
                    EmitMapping(builder, m, dashColumn, dashColumn + 2, true);
                    break;
                case SopsSequence { Items.Count: > 0 } s:
                    builder.Append("- ");
                    EmitSequence(builder, s, dashColumn + 2, true);
                    break;
                default:
                    builder.Append('-');
                    EmitValue(builder, item, dashColumn + 4);
                    break;
            }
        }
    }

    private static string ScalarText(SopsScalar scalar, int blockIndent, bool allowBlock) => scalar.Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => (bool)scalar.Value! ? "true" : "false",
        ScalarKind.Int => GoFormat.FormatInt((long)scalar.Value!),
        ScalarKind.Float => FloatText((double)scalar.Value!),
        ScalarKind.Time => GoFormat.FormatTime((DateTimeOffset)scalar.Value!, scalar.ExtraNanoseconds),
        ScalarKind.Bytes => "!!binary " + Convert.ToBase64String((byte[])scalar.Value!),
        _ => YamlScalars.QuoteString((string)scalar.Value!, blockIndent, allowBlock),
    };

    private static string FloatText(double value) => value switch
    {
        double.PositiveInfinity => ".inf",
        double.NegativeInfinity => "-.inf",
        _ when double.IsNaN(value) => ".nan",
        _ => GoFormat.FormatFloatG(value),
    };

    /// <summary>Turns the event list into branches, attributing each comment to the collection it is indented under.</summary>
    private sealed class TreeBuilder(string text, List<ParsingEvent> events, string subject)
    {
        private readonly Dictionary<string, SopsNode> _anchors = [];
        private readonly List<(SopsNode Container, long Column)> _open = [];
        private int _index;

        public List<SopsMapping> Build()
        {
            var branches = new List<SopsMapping>();
            while (_index < events.Count)
            {
                var current = events[_index];
                if (current is DocumentStart)
                {
                    _index++;
                    branches.Add(ParseDocument());
                }
                else
                {
                    _index++;
                }
            }

            return branches;
        }

        private SopsMapping ParseDocument()
        {
            var root = new SopsMapping();
            var pending = new List<SopsComment>();
            _anchors.Clear();
            while (_index < events.Count && events[_index] is not DocumentEnd)
            {
                var current = events[_index];
                switch (current)
                {
                    case Comment comment:
                        _index++;
                        var c = MakeComment(comment);
                        if (_open.Count == 0)
                        {
                            pending.Add(c);
                        }
                        else
                        {
                            root.Items.Add(c);
                        }

                        break;
                    case MappingStart:
                        root = (SopsMapping)ParseNode([]);
                        root.Items.InsertRange(0, pending);
                        pending.Clear();
                        break;
                    case Scalar { Value: "" or "~" or "null" or "Null" or "NULL", Style: ScalarStyle.Plain }:
                        _index++;
                        break;
                    case Scalar or SequenceStart or AnchorAlias:
                        throw new InputException(subject, $"the YAML document at line {current.Start.Line} is not a mapping (sops needs a mapping at the top level)");
                    default:
                        _index++;
                        break;
                }
            }

            root.Items.AddRange(pending);
            _index++;
            return root;
        }

        private SopsComment MakeComment(Comment comment)
        {
            var start = (int)comment.Start.Index;
            var end = (int)comment.End.Index;
            var raw = start >= 0 && end <= text.Length && end > start ? text[start..end] : "#" + comment.Value;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var body = hash >= 0 ? raw[(hash + 1)..].TrimEnd('\r', '\n') : comment.Value;
            var bodyStart = hash >= 0 ? start + hash + 1 : start;
            return new SopsComment(body, comment.IsInline) { Span = new TextSpan(bodyStart, bodyStart + body.Length) };
        }

        private void AttachComment(Comment comment)
        {
            var node = MakeComment(comment);
            var target = _open[^1].Container;
            if (!comment.IsInline)
            {
                for (var i = _open.Count - 1; i >= 0; i--)
                {
                    target = _open[i].Container;
                    if (_open[i].Column <= comment.Start.Column)
                    {
                        break;
                    }
                }
            }

            switch (target)
            {
                case SopsMapping m:
                    m.Items.Add(node);
                    break;
                case SopsSequence s:
                    s.Items.Add(node);
                    break;
            }
        }

        private int LastEnd { get; set; }

        /// <summary>Parses the node at the current event; <paramref name="path"/> is for messages only.</summary>
        private SopsNode ParseNode(List<string> path)
        {
            var current = events[_index++];
            switch (current)
            {
                case AnchorAlias alias:
                    LastEnd = Math.Max(LastEnd, (int)alias.End.Index);
                    return _anchors.TryGetValue(alias.Value.Value, out var anchored)
                        ? anchored.Clone()
                        : throw new InputException(subject, $"unknown YAML alias '*{alias.Value.Value}'");
                case Scalar scalar:
                    var node = MakeScalar(scalar, path);
                    Remember(scalar.Anchor, node);
                    return node;
                case MappingStart start:
                    var mapping = new SopsMapping { Flow = start.Style == MappingStyle.Flow };
                    Remember(start.Anchor, mapping);
                    _open.Add((mapping, start.Start.Column));
                    ParseMappingItems(mapping, path);
                    _open.RemoveAt(_open.Count - 1);
                    if (mapping.Flow)
                    {
                        LastEnd = Math.Max(LastEnd, (int)events[_index - 1].End.Index);
                    }

                    return mapping;
                case SequenceStart start:
                    var sequence = new SopsSequence { Flow = start.Style == SequenceStyle.Flow };
                    Remember(start.Anchor, sequence);
                    _open.Add((sequence, start.Start.Column));
                    while (events[_index] is not SequenceEnd)
                    {
                        if (events[_index] is Comment comment)
                        {
                            _index++;
                            AttachComment(comment);
                            continue;
                        }

                        var child = ParseNode(path);
                        sequence.Items.Add(child);
                    }

                    _index++;
                    _open.RemoveAt(_open.Count - 1);
                    if (sequence.Flow)
                    {
                        LastEnd = Math.Max(LastEnd, (int)events[_index - 1].End.Index);
                    }

                    return sequence;
                default:
                    throw new InputException(subject, $"unexpected YAML content at line {current.Start.Line}");
            }
        }

        private void ParseMappingItems(SopsMapping mapping, List<string> path)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (events[_index] is not MappingEnd)
            {
                if (events[_index] is Comment comment)
                {
                    _index++;
                    AttachComment(comment);
                    continue;
                }

                if (events[_index] is not Scalar keyEvent)
                {
                    throw new InputException(subject, $"a mapping key at line {events[_index].Start.Line} is not a string (sops needs string keys)");
                }

                _index++;
                var key = KeyText(keyEvent);
                if (!seen.Add(key))
                {
                    throw new InputException(subject, $"duplicate key '{key}' at line {keyEvent.Start.Line}");
                }

                var entry = new SopsEntry(key, SopsScalar.CreateNull());
                mapping.Items.Add(entry);
                LastEnd = (int)keyEvent.End.Index;
                var childPath = new List<string>(path) { key };
                entry.Value = ParseNode(childPath);
                entry.Span = new TextSpan((int)keyEvent.Start.Index, LastEnd);
            }

            _index++;
        }

        private string KeyText(Scalar key)
        {
            if (key.Style == ScalarStyle.Plain && key.Tag.IsEmpty && key.Value != "<<")
            {
                SopsScalar resolved;
                try
                {
                    resolved = YamlScalars.ResolvePlain(key.Value);
                }
                catch (FormatException)
                {
                    resolved = SopsScalar.CreateNull();
                }

                if (resolved.Kind != ScalarKind.String)
                {
                    throw new InputException(subject, $"the key at line {key.Start.Line} is not a string (sops needs string keys; quote it)");
                }
            }

            return key.Value;
        }

        private SopsScalar MakeScalar(Scalar scalar, List<string> path)
        {
            SopsScalar node;
            try
            {
                node = !scalar.Tag.IsEmpty && scalar.Tag.Value != "!"
                    ? YamlScalars.ResolveTagged(scalar.Tag.Value, scalar.Value, scalar.Style == ScalarStyle.Plain)
                    : scalar.Style == ScalarStyle.Plain ? YamlScalars.ResolvePlain(scalar.Value) : SopsScalar.Of(scalar.Value);
            }
            catch (FormatException e)
            {
                throw new InputException(subject, $"value at '{string.Join(".", path)}' (line {scalar.Start.Line}): {e.Message}");
            }

            node.Span = new TextSpan((int)scalar.Start.Index, (int)scalar.End.Index);
            node.InFlow = _open.Count > 0 && _open[^1].Container is SopsMapping { Flow: true } or SopsSequence { Flow: true };
            node.Block = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
            LastEnd = Math.Max(LastEnd, (int)scalar.End.Index);
            return node;
        }

        private void Remember(AnchorName anchor, SopsNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
        }
    }
}
