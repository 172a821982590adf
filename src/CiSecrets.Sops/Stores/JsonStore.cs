using System.Globalization;
using System.Text;

namespace CiSecrets.Sops;

/// <summary>
/// The JSON store: an order-keeping reader that records spans and tells ints (int64) from floats (sops
/// 3.13.2 <c>UseNumber</c>), and a writer like Go's encoding/json with a tab indent.
/// https://github.com/getsops/sops/blob/main/stores/json/store.go
/// </summary>
internal class JsonStore : ISopsStore
{
    public virtual SopsFormat Format => SopsFormat.Json;

    public virtual ParsedDocument Parse(string text, string subject)
    {
        var reader = new Reader(text, subject);
        var root = reader.ParseDocument();
        var branches = new List<SopsMapping> { root };
        var (metadata, spans, scalars) = SopsStores.ExtractMetadata(branches, subject);
        return new ParsedDocument { Text = text, Branches = branches, MetadataNode = metadata, MetadataSpans = spans, MetadataScalars = scalars };
    }

    public virtual string Emit(IReadOnlyList<SopsMapping> branches, SopsMapping? metadata)
    {
        var branch = branches.Count > 0 ? (SopsMapping)branches[0].Clone() : new SopsMapping();
        if (metadata is not null)
        {
            branch.Add("sops", metadata);
        }

        var builder = new StringBuilder();
        Write(builder, branch, 0);
        return builder.Append('\n').ToString();
    }

    public string RenderScalar(SopsScalar original, SopsScalar value) => ScalarText(value);

    public IEnumerable<TextEdit> ReplaceMetadata(ParsedDocument document, SopsMapping metadata)
    {
        var builder = new StringBuilder("\"sops\": ");
        Write(builder, metadata, 1);
        foreach (var span in document.MetadataSpans)
        {
            yield return new TextEdit(span, builder.ToString());
        }
    }

    internal static void Write(StringBuilder builder, SopsNode node, int depth)
    {
        switch (node)
        {
            case SopsMapping m:
                var entries = m.Entries.ToList();
                if (entries.Count == 0)
                {
                    builder.Append("{}");
                    return;
                }

                builder.Append('{');
                for (var i = 0; i < entries.Count; i++)
                {
                    builder.Append('\n').Append('\t', depth + 1).Append(Quote(entries[i].Key)).Append(": ");
                    Write(builder, entries[i].Value, depth + 1);
                    if (i < entries.Count - 1)
                    {
                        builder.Append(',');
                    }
                }

                builder.Append('\n').Append('\t', depth).Append('}');
                break;
            case SopsSequence s:
                var items = s.Items.Where(i => i is not SopsComment).ToList();
                if (items.Count == 0)
                {
                    builder.Append("[]");
                    return;
                }

                builder.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    builder.Append('\n').Append('\t', depth + 1);
                    Write(builder, items[i], depth + 1);
                    if (i < items.Count - 1)
                    {
                        builder.Append(',');
                    }
                }

                builder.Append('\n').Append('\t', depth).Append(']');
                break;
            case SopsScalar scalar:
                builder.Append(ScalarText(scalar));
                break;
        }
    }

    private static string ScalarText(SopsScalar scalar) => scalar.Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => (bool)scalar.Value! ? "true" : "false",
        ScalarKind.Int => GoFormat.FormatInt((long)scalar.Value!),
        ScalarKind.Float => GoFormat.FormatFloatJson((double)scalar.Value!),
        ScalarKind.Time => Quote(GoFormat.FormatTime((DateTimeOffset)scalar.Value!, scalar.ExtraNanoseconds)),
        ScalarKind.Bytes => Quote(Encoding.UTF8.GetString((byte[])scalar.Value!)),
        _ => Quote((string)scalar.Value!),
    };

    /// <summary>A JSON string as Go's encoding/json writes it (HTML-safe escapes).</summary>
    internal static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                '<' or '>' or '&' or '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ when c < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private sealed class Reader(string text, string subject)
    {
        private int _position;
        private int _depth;

        public SopsMapping ParseDocument()
        {
            SkipWhitespace();
            if (_position >= text.Length)
            {
                throw new InputException(subject, "the JSON file is empty");
            }

            if (text[_position] != '{')
            {
                throw new InputException(subject, "the JSON document is not an object (sops needs an object at the top level)");
            }

            var root = (SopsMapping)ParseValue(out _);
            SkipWhitespace();
            if (_position < text.Length)
            {
                throw Error("unexpected content after the JSON document");
            }

            return root;
        }

        private int Line => 1 + text.AsSpan(0, Math.Min(_position, text.Length)).Count('\n');

        private InputException Error(string problem) => new(subject, $"malformed JSON at line {Line}: {problem}");

        private SopsNode ParseNested<T>(Func<T> parse)
            where T : SopsNode
        {
            if (++_depth > NestingLimit.MaxDepth)
            {
                throw NestingLimit.TooDeep(subject, Line);
            }

            var node = parse();
            _depth--;
            return node;
        }

        private void SkipWhitespace()
        {
            while (_position < text.Length && text[_position] is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
            }
        }

        private SopsNode ParseValue(out int end)
        {
            SkipWhitespace();
            if (_position >= text.Length)
            {
                throw Error("unexpected end of input");
            }

            var start = _position;
            SopsNode node;
            switch (text[_position])
            {
                case '{':
                    node = ParseNested(ParseObject);
                    break;
                case '[':
                    node = ParseNested(ParseArray);
                    break;
                case '"':
                    node = SopsScalar.Of(ParseString());
                    break;
                default:
                    node = ParseLiteral();
                    break;
            }

            end = _position;
            if (node is SopsScalar scalar)
            {
                scalar.Span = new TextSpan(start, end);
            }

            return node;
        }

        private SopsMapping ParseObject()
        {
            var mapping = new SopsMapping { Flow = true };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            _position++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                return mapping;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Error("expected a string key");
                }

                var keyStart = _position;
                var key = ParseString();
                if (!seen.Add(key))
                {
                    throw Error($"duplicate key '{key}'");
                }

                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw Error("expected ':'");
                }

                _position++;
                var value = ParseValue(out var end);
                mapping.Items.Add(new SopsEntry(key, value) { Span = new TextSpan(keyStart, end) });
                SkipWhitespace();
                var c = Peek();
                _position++;
                if (c == '}')
                {
                    return mapping;
                }

                if (c != ',')
                {
                    throw Error("expected ',' or '}'");
                }
            }
        }

        private SopsSequence ParseArray()
        {
            var sequence = new SopsSequence { Flow = true };
            _position++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _position++;
                return sequence;
            }

            while (true)
            {
                sequence.Items.Add(ParseValue(out _));
                SkipWhitespace();
                var c = Peek();
                _position++;
                if (c == ']')
                {
                    return sequence;
                }

                if (c != ',')
                {
                    throw Error("expected ',' or ']'");
                }
            }
        }

        private char Peek() => _position < text.Length ? text[_position] : throw Error("unexpected end of input");

        private string ParseString()
        {
            var builder = new StringBuilder();
            _position++;
            while (true)
            {
                var c = Peek();
                _position++;
                switch (c)
                {
                    case '"':
                        return builder.ToString();
                    case '\\':
                        var escape = Peek();
                        _position++;
                        switch (escape)
                        {
                            case '"' or '\\' or '/':
                                builder.Append(escape);
                                break;
                            case 'b':
                                builder.Append('\b');
                                break;
                            case 'f':
                                builder.Append('\f');
                                break;
                            case 'n':
                                builder.Append('\n');
                                break;
                            case 'r':
                                builder.Append('\r');
                                break;
                            case 't':
                                builder.Append('\t');
                                break;
                            case 'u' when _position + 4 <= text.Length && int.TryParse(text.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                                builder.Append((char)code);
                                _position += 4;
                                break;
                            default:
                                throw Error("invalid escape in string");
                        }

                        break;
                    case < ' ':
                        throw Error("control character in string");
                    default:
                        builder.Append(c);
                        break;
                }
            }
        }

        private SopsScalar ParseLiteral()
        {
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '-' or '+' or '.'))
            {
                _position++;
            }

            var token = text[start.._position];
            switch (token)
            {
                case "true":
                    return SopsScalar.Of(true);
                case "false":
                    return SopsScalar.Of(false);
                case "null":
                    return SopsScalar.CreateNull();
            }

            if (token.Length == 0 || !(char.IsAsciiDigit(token[0]) || token[0] == '-'))
            {
                throw Error("unexpected character");
            }

            if (!token.Contains('.', StringComparison.Ordinal) && !token.Contains('e', StringComparison.OrdinalIgnoreCase)
                && long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return SopsScalar.Of(l);
            }

            return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? SopsScalar.Of(d)
                : throw Error($"invalid number");
        }
    }
}

/// <summary>
/// The binary store: the whole file is one string value <c>data</c>, written as JSON when encrypted.
/// https://github.com/getsops/sops/blob/main/stores/json/store.go (BinaryStore)
/// </summary>
internal sealed class BinaryStore : JsonStore
{
    public override SopsFormat Format => SopsFormat.Binary;

    /// <summary>Reads an encrypted binary file (JSON), or wraps plain bytes given as Latin-1 text.</summary>
    public override ParsedDocument Parse(string text, string subject) => base.Parse(text, subject);

    public static SopsMapping Wrap(byte[] content) =>
        new SopsMapping().Add("data", ValueCodec.AsText(content));
}
