using System.Text;

namespace CiSecrets.Sops;

/// <summary>
/// The INI store, following go-ini's parser as sops configures it: one branch whose items are the
/// sections (DEFAULT first), every value a string, unquoted values cut at an inline comment, <c>"""</c>
/// multi-line values, and a flattened <c>[sops]</c> section with <c>\n</c>-escaped newlines.
/// https://github.com/getsops/sops/blob/main/stores/ini/store.go, https://github.com/go-ini/ini/blob/main/parser.go
/// </summary>
internal sealed class IniStore : ISopsStore
{
    private const string DefaultSection = "DEFAULT";
    private const string MetadataSection = "sops";

    public SopsFormat Format => SopsFormat.Ini;

    public ParsedDocument Parse(string text, string subject)
    {
        var branch = new SopsMapping();
        var current = new SopsMapping();
        branch.Items.Add(new SopsEntry(DefaultSection, current));
        SopsMapping? metadataSection = null;
        var metadataSpans = new List<TextSpan>();
        var metadataStart = -1;
        var pendingComments = new List<SopsComment>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = SplitLines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var (start, end) = lines[i];
            var raw = text[start..end].TrimEnd('\r');
            var trimmedStart = raw.Length - raw.TrimStart().Length;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] is '#' or ';')
            {
                var commentText = line.TrimStart('#', ';', ' ');
                var commentEnd = start + trimmedStart + line.Length;
                pendingComments.Add(new SopsComment(commentText) { Span = new TextSpan(commentEnd - commentText.Length, commentEnd) });
                continue;
            }

            if (line[0] == '[')
            {
                var close = line.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new InputException(subject, $"line {i + 1}: unclosed section header");
                }

                var name = line[1..close].Trim();
                if (metadataStart >= 0)
                {
                    metadataSpans.Add(new TextSpan(metadataStart, start));
                    metadataStart = -1;
                }

                current = new SopsMapping();
                current.Items.AddRange(pendingComments);
                pendingComments.Clear();
                seen.Clear();
                if (name == MetadataSection)
                {
                    metadataSection = current;
                    metadataStart = start;
                }
                else
                {
                    branch.Items.Add(new SopsEntry(name, current));
                }

                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0)
            {
                throw new InputException(subject, $"line {i + 1} is not 'key = value'");
            }

            var key = line[..separator].Trim().Trim('`', '"', '\'');
            var valueOffset = start + trimmedStart + separator + 1;
            while (valueOffset < end && text[valueOffset] is ' ' or '\t')
            {
                valueOffset++;
            }

            string value;
            int valueEnd;
            var rest = text[valueOffset..(start + raw.Length)];
            if (rest.StartsWith("\"\"\"", StringComparison.Ordinal))
            {
                var close = text.IndexOf("\"\"\"", valueOffset + 3, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new InputException(subject, $"line {i + 1}: unclosed \"\"\" value");
                }

                value = text[(valueOffset + 3)..close];
                valueEnd = close + 3;
                while (i + 1 < lines.Count && lines[i + 1].Start < valueEnd)
                {
                    i++;
                }
            }
            else
            {
                value = rest;
                if (!(value.StartsWith('"') || value.StartsWith('\'') || value.StartsWith('`')))
                {
                    var comment = value.IndexOfAny(['#', ';']);
                    if (comment >= 0)
                    {
                        value = value[..comment];
                    }
                }

                value = value.TrimEnd();
                valueEnd = valueOffset + value.Length;
                if (value.Length > 1 && value[0] == value[^1] && value[0] is '"' or '\'' or '`')
                {
                    value = value[1..^1];
                }
            }

            if (!seen.Add(key))
            {
                throw new InputException(subject, $"duplicate key '{key}' at line {i + 1}");
            }

            current.Items.AddRange(pendingComments);
            pendingComments.Clear();
            var scalar = SopsScalar.Of(value);
            scalar.Span = new TextSpan(valueOffset, valueEnd);
            current.Items.Add(new SopsEntry(key, scalar) { Span = new TextSpan(start, valueEnd) });
        }

        current.Items.AddRange(pendingComments);
        if (metadataStart >= 0)
        {
            metadataSpans.Add(new TextSpan(metadataStart, text.Length));
        }

        SopsMapping? metadata = null;
        if (metadataSection is not null)
        {
            var flat = metadataSection.Entries.Select(e => new KeyValuePair<string, string>(e.Key, ((string)((SopsScalar)e.Value).Value!).Replace("\\n", "\n", StringComparison.Ordinal)));
            metadata = Flattening.Unflatten(flat, subject);
        }

        var scalars = metadataSection?.Entries.Select(e => new KeyValuePair<string, SopsScalar>(e.Key, (SopsScalar)e.Value)).ToList() ?? [];
        return new ParsedDocument { Text = text, Branches = [branch], MetadataNode = metadata, MetadataSpans = metadataSpans, MetadataScalars = scalars };
    }

    private static List<(int Start, int End)> SplitLines(string text)
    {
        var lines = new List<(int, int)>();
        var position = 0;
        while (position < text.Length)
        {
            var newline = text.IndexOf('\n', position);
            var end = newline < 0 ? text.Length : newline;
            lines.Add((position, end));
            position = end + 1;
        }

        return lines;
    }

    public string Emit(IReadOnlyList<SopsMapping> branches, SopsMapping? metadata)
    {
        var sections = new List<string>();
        foreach (var item in branches.Count > 0 ? branches[0].Items : [])
        {
            switch (item)
            {
                case SopsEntry { Value: SopsMapping section } entry:
                    if (entry.Key == DefaultSection && !section.Items.Any())
                    {
                        continue;
                    }

                    sections.Add(Section(entry.Key, section, false));
                    break;
                case SopsEntry entry:
                    throw new InputException(entry.Key, "INI values must sit inside a section");
            }
        }

        if (metadata is not null)
        {
            sections.Add(MetadataText(metadata));
        }

        return string.Join("\n", sections);
    }

    private static string MetadataText(SopsMapping metadata)
    {
        var section = new SopsMapping();
        foreach (var (key, value) in Flattening.Flatten(metadata))
        {
            section.Add(key, SopsScalar.Of(value.Replace("\n", "\\n", StringComparison.Ordinal)));
        }

        return Section(MetadataSection, section, true);
    }

    private static string Section(string name, SopsMapping section, bool raw)
    {
        var builder = new StringBuilder();
        var items = section.Items.ToList();
        var leading = items.TakeWhile(i => i is SopsComment).Cast<SopsComment>().ToList();
        foreach (var comment in leading)
        {
            builder.Append("; ").Append(comment.Text).Append('\n');
        }

        if (name != DefaultSection)
        {
            builder.Append('[').Append(name).Append("]\n");
        }

        var width = section.Entries.Select(e => e.Key.Length).DefaultIfEmpty(0).Max();
        foreach (var item in items.Skip(leading.Count))
        {
            switch (item)
            {
                case SopsComment comment:
                    builder.Append("; ").Append(comment.Text).Append('\n');
                    break;
                case SopsEntry { Value: SopsScalar scalar } entry:
                    var value = DotenvStore.ScalarText(scalar);
                    builder.Append(entry.Key.PadRight(width)).Append(" = ").Append(raw ? value : QuoteValue(value)).Append('\n');
                    break;
                case SopsEntry entry:
                    throw new InputException(entry.Key, "INI sections cannot hold nested values");
            }
        }

        return builder.ToString();
    }

    private static string QuoteValue(string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            return "\"\"\"" + value + "\"\"\"";
        }

        if (value.IndexOfAny(['#', ';']) >= 0 || value.StartsWith('"') || value.StartsWith('\''))
        {
            return "`" + value + "`";
        }

        return value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) ? "\"" + value + "\"" : value;
    }

    public string RenderScalar(SopsScalar original, SopsScalar value) => QuoteValue(DotenvStore.ScalarText(value));

    public IEnumerable<TextEdit> ReplaceMetadata(ParsedDocument document, SopsMapping metadata)
    {
        var text = MetadataText(metadata);
        for (var i = 0; i < document.MetadataSpans.Count; i++)
        {
            var span = document.MetadataSpans[i];
            var original = document.Text[span.Start..span.End];
            var trailing = original[original.TrimEnd('\n').Length..];
            yield return new TextEdit(span, i == 0 ? text.TrimEnd('\n') + (trailing.Length > 0 ? trailing : "") : "");
        }
    }
}
