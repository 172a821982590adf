using System.Globalization;
using System.Text;

namespace CiSecrets.Sops;

/// <summary>
/// A path to a value: mapping keys (strings) and list indices (ints). Parses sops' <c>["a"]["b"][0]</c>
/// syntax and the dotted <c>a.b[0]</c> form.
/// </summary>
public sealed record SopsPath(IReadOnlyList<object> Segments)
{
    public static SopsPath Of(params object[] segments) => new(segments);

    public static SopsPath Parse(string text)
    {
        var segments = new List<object>();
        var i = 0;
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
            {
                segments.Add(current.ToString());
                current.Clear();
            }
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '[')
            {
                Flush();
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    throw new InputException(text, "unclosed '[' in value path");
                }

                var inner = text[(i + 1)..close].Trim();
                if (inner.Length >= 2 && inner[0] is '"' or '\'' && inner[^1] == inner[0])
                {
                    segments.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(index);
                }
                else
                {
                    throw new InputException(text, "a path index must be a number or a quoted key");
                }

                i = close + 1;
            }
            else if (c == '.')
            {
                Flush();
                i++;
            }
            else
            {
                current.Append(c);
                i++;
            }
        }

        Flush();
        return segments.Count switch
        {
            0 => throw new InputException(text, "empty value path"),
            > NestingLimit.MaxDepth => throw new InputException("value path", $"more than {NestingLimit.MaxDepth} levels"),
            _ => new SopsPath(segments),
        };
    }

    /// <summary>The mapping keys only (what the AAD is made of).</summary>
    internal List<string> Keys => [.. Segments.OfType<string>()];

    public override string ToString() => string.Concat(Segments.Select(s => s is int n ? $"[{n}]" : $"[\"{s}\"]"));
}
