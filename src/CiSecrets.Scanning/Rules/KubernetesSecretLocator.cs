using System.Text;
using CiSecrets.Scanning.Detection;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// Finds the plaintext values of Kubernetes <c>Secret</c> manifests in YAML: every entry of a
/// top-level <c>data</c> or <c>stringData</c> map in a document whose top-level <c>kind</c> is
/// <c>Secret</c>, across <c>---</c>-separated documents. SOPS ciphertext, empty values, templates
/// and references are not plaintext. A line-oriented reader, not a YAML parser: manifests are
/// written in block style, and flow-style maps are left to the generic rules.
/// </summary>
public sealed class KubernetesSecretLocator : ISecretLocator
{
    public IEnumerable<LocatedSecret> Locate(string text, int start, int end)
    {
        var found = new List<LocatedSecret>();
        if (text.AsSpan(start, end - start).IndexOf("Secret", StringComparison.Ordinal) < 0)
        {
            return found;
        }

        var lines = SplitLines(text, start, end);
        var documentStart = 0;
        for (var i = 0; i <= lines.Count; i++)
        {
            if (i == lines.Count || IsDocumentMarker(text, lines[i]))
            {
                LocateInDocument(text, lines, documentStart, i, found);
                documentStart = i + 1;
            }
        }

        return found;
    }

    private static void LocateInDocument(string text, List<(int Start, int End)> lines, int first, int last, List<LocatedSecret> found)
    {
        if (!Enumerable.Range(first, last - first).Any(i => IsTopLevelKey(text, lines[i], "kind", "Secret")))
        {
            return;
        }

        for (var i = first; i < last; i++)
        {
            if (!IsTopLevelKey(text, lines[i], "data", null) && !IsTopLevelKey(text, lines[i], "stringData", null))
            {
                continue;
            }

            var entryIndent = -1;
            for (i++; i < last; i++)
            {
                var (lineStart, lineEnd) = lines[i];
                var indent = Indentation(text, lineStart, lineEnd);
                if (indent < 0 || text[lineStart + indent] == '#')
                {
                    continue;
                }

                if (indent == 0)
                {
                    i--;
                    break;
                }

                entryIndent = entryIndent < 0 ? indent : entryIndent;
                if (indent == entryIndent)
                {
                    LocateEntry(text, lines, i, last, indent, found);
                }
            }
        }
    }

    // One "key: value" entry; a block scalar (| or >) reports its first content line.
    private static void LocateEntry(string text, List<(int Start, int End)> lines, int index, int last, int indent, List<LocatedSecret> found)
    {
        var (lineStart, lineEnd) = lines[index];
        var colon = FindKeyColon(text, lineStart + indent, lineEnd);
        if (colon < 0)
        {
            return;
        }

        var (valueStart, valueEnd) = Trim(text, colon + 1, lineEnd);
        if (valueStart < valueEnd && text[valueStart] is '|' or '>')
        {
            for (var next = index + 1; next < last; next++)
            {
                var (nextStart, nextEnd) = lines[next];
                var nextIndent = Indentation(text, nextStart, nextEnd);
                if (nextIndent < 0)
                {
                    continue;
                }

                if (nextIndent > indent)
                {
                    var (contentStart, contentEnd) = Trim(text, nextStart, nextEnd);
                    Report(text, contentStart, contentEnd, false, found);
                }

                break;
            }

            return;
        }

        if (valueStart < valueEnd && text[valueStart] is '"' or '\'')
        {
            var close = text.IndexOf(text[valueStart], valueStart + 1, valueEnd - valueStart - 1);
            if (close > valueStart)
            {
                Report(text, valueStart + 1, close, false, found);
            }

            return;
        }

        var comment = text.IndexOf(" #", valueStart, valueEnd - valueStart, StringComparison.Ordinal);
        if (comment >= 0)
        {
            (valueStart, valueEnd) = Trim(text, valueStart, comment);
        }

        Report(text, valueStart, valueEnd, true, found);
    }

    private static void Report(string text, int start, int end, bool mayBeBase64, List<LocatedSecret> found)
    {
        var value = text[start..end];
        if (value.Length == 0 || ValueFilters.IsPlaceholderOrReference(value) || (mayBeBase64 && DecodesToPlaceholder(value)))
        {
            return;
        }

        found.Add(new LocatedSecret(start, end - start));
    }

    // data: values are base64; "Y2hhbmdlbWU=" (changeme) is still a placeholder.
    private static bool DecodesToPlaceholder(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written)
            && ValueFilters.IsPlaceholderOrReference(Encoding.UTF8.GetString(buffer, 0, written));
    }

    private static int FindKeyColon(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] == ':' && (i + 1 == end || text[i + 1] is ' ' or '\t'))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsTopLevelKey(string text, (int Start, int End) line, string key, string? value)
    {
        var span = text.AsSpan(line.Start, line.End - line.Start);
        if (!span.StartsWith(key, StringComparison.Ordinal) || span.Length <= key.Length || span[key.Length] != ':')
        {
            return false;
        }

        var rest = span[(key.Length + 1)..];
        var hash = rest.IndexOf(" #", StringComparison.Ordinal);
        rest = (hash >= 0 ? rest[..hash] : rest).Trim().Trim('"').Trim('\'');
        return value is null ? rest.IsEmpty : rest.SequenceEqual(value);
    }

    private static bool IsDocumentMarker(string text, (int Start, int End) line) =>
        text.AsSpan(line.Start, line.End - line.Start).TrimEnd() is "---" or "..."
        || text.AsSpan(line.Start, line.End - line.Start).StartsWith("--- ", StringComparison.Ordinal);

    // Spaces before the first character, or -1 for a blank line.
    private static int Indentation(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] != ' ' && text[i] != '\t')
            {
                return i - start;
            }
        }

        return -1;
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static List<(int Start, int End)> SplitLines(string text, int start, int end)
    {
        var lines = new List<(int Start, int End)>();
        for (var position = start; position < end;)
        {
            var newline = text.IndexOf('\n', position, end - position);
            var lineEnd = newline < 0 ? end : newline;
            lines.Add((position, lineEnd > position && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd));
            position = lineEnd + 1;
        }

        return lines;
    }
}
