using System.Text;

namespace CiSecrets.Sops;

/// <summary>
/// The dotenv store: <c>KEY=VALUE</c> lines taken verbatim (the key is everything before the first
/// <c>=</c>, untrimmed), <c>#</c> comment lines, <c>\n</c> escapes, and <c>sops_</c>-prefixed flattened
/// metadata. https://github.com/getsops/sops/blob/main/stores/dotenv/store.go
/// </summary>
internal sealed class DotenvStore : ISopsStore
{
    private const string Prefix = "sops_";

    public SopsFormat Format => SopsFormat.Dotenv;

    public ParsedDocument Parse(string text, string subject)
    {
        var branch = new SopsMapping();
        var flat = new List<KeyValuePair<string, string>>();
        var spans = new List<TextSpan>();
        var scalars = new List<KeyValuePair<string, SopsScalar>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        var lineNumber = 0;
        while (position < text.Length)
        {
            lineNumber++;
            var newline = text.IndexOf('\n', position);
            var lineEnd = newline < 0 ? text.Length : newline;
            var next = newline < 0 ? text.Length : newline + 1;
            var line = text[position..lineEnd];
            if (line.Length > 0)
            {
                if (line[0] == '#')
                {
                    branch.Items.Add(new SopsComment(line[1..]) { Span = new TextSpan(position + 1, lineEnd) });
                }
                else
                {
                    var equals = line.IndexOf('=', StringComparison.Ordinal);
                    if (equals < 0)
                    {
                        throw new InputException(subject, $"line {lineNumber} is not KEY=VALUE");
                    }

                    var key = line[..equals];
                    var value = line[(equals + 1)..].Replace("\\n", "\n", StringComparison.Ordinal);
                    if (key.StartsWith(Prefix, StringComparison.Ordinal))
                    {
                        flat.Add(new(key[Prefix.Length..], value));
                        scalars.Add(new(key[Prefix.Length..], new SopsScalar(ScalarKind.String, value) { Span = new TextSpan(position + equals + 1, lineEnd) }));
                        spans.Add(new TextSpan(position, next));
                    }
                    else
                    {
                        if (!seen.Add(key))
                        {
                            throw new InputException(subject, $"duplicate key '{key}' at line {lineNumber}");
                        }

                        var scalar = SopsScalar.Of(value);
                        scalar.Span = new TextSpan(position + equals + 1, lineEnd);
                        branch.Items.Add(new SopsEntry(key, scalar) { Span = new TextSpan(position, lineEnd) });
                    }
                }
            }

            position = next;
        }

        var metadata = flat.Count > 0 ? Flattening.Unflatten(flat, subject) : null;
        return new ParsedDocument { Text = text, Branches = [branch], MetadataNode = metadata, MetadataSpans = spans, MetadataScalars = scalars };
    }

    public string Emit(IReadOnlyList<SopsMapping> branches, SopsMapping? metadata)
    {
        var builder = new StringBuilder();
        foreach (var item in branches.Count > 0 ? branches[0].Items : [])
        {
            switch (item)
            {
                case SopsComment comment:
                    builder.Append('#').Append(comment.Text).Append('\n');
                    break;
                case SopsEntry { Value: SopsScalar scalar } entry:
                    builder.Append(entry.Key).Append('=').Append(Escape(ScalarText(scalar))).Append('\n');
                    break;
                case SopsEntry entry:
                    throw new InputException(entry.Key, "dotenv files cannot hold nested values");
            }
        }

        if (metadata is not null)
        {
            builder.Append(MetadataLines(metadata));
        }

        return builder.ToString();
    }

    private static string MetadataLines(SopsMapping metadata)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in Flattening.Flatten(metadata))
        {
            builder.Append(Prefix).Append(key).Append('=').Append(Escape(value)).Append('\n');
        }

        return builder.ToString();
    }

    public string RenderScalar(SopsScalar original, SopsScalar value) => Escape(ScalarText(value));

    public IEnumerable<TextEdit> ReplaceMetadata(ParsedDocument document, SopsMapping metadata)
    {
        var spans = document.MetadataSpans;
        var block = MetadataLines(metadata);
        if (spans.Count > 0 && spans[^1].End == document.Text.Length && !document.Text.EndsWith('\n'))
        {
            block = block.TrimEnd('\n');
        }

        for (var i = 0; i < spans.Count; i++)
        {
            yield return new TextEdit(spans[i], i == 0 ? block : "");
        }
    }

    private static string Escape(string value) => value.Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string ScalarText(SopsScalar scalar) => scalar.Value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        long l => GoFormat.FormatInt(l),
        double d => GoFormat.FormatFloatG(d),
        DateTimeOffset t => GoFormat.FormatTime(t, scalar.ExtraNanoseconds),
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ => "",
    };
}
