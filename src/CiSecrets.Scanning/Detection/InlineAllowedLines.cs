namespace CiSecrets.Scanning.Detection;

/// <summary>
/// The lines of one text that carry an inline allow marker (<c>cisecrets:allow</c>,
/// <c>gitleaks:allow</c>), found in one pass: asking each candidate for its own line would
/// search a megabyte-long line once per candidate on it, quadratic time.
/// </summary>
internal sealed class InlineAllowedLines
{
    private static readonly string[] Markers = ["cisecrets:allow", "gitleaks:allow"];

    private readonly (int Start, int End)[] _lines;

    private InlineAllowedLines((int Start, int End)[] lines) => _lines = lines;

    public static InlineAllowedLines Of(ReadOnlySpan<char> text)
    {
        var lines = new List<(int Start, int End)>();
        foreach (var marker in Markers)
        {
            for (var position = 0; position < text.Length;)
            {
                var offset = text[position..].IndexOf(marker, StringComparison.OrdinalIgnoreCase);
                if (offset < 0)
                {
                    break;
                }

                var hit = position + offset;
                var start = text[..hit].LastIndexOf('\n') + 1;
                var endOffset = text[hit..].IndexOf('\n');
                var end = endOffset < 0 ? text.Length : hit + endOffset;
                lines.Add((start, end));

                // The rest of this line needs no second look.
                position = end + 1;
            }
        }

        lines.Sort();
        return new InlineAllowedLines([.. lines]);
    }

    /// <summary>True when the character at <paramref name="index"/> is on an allowed line.</summary>
    public bool Allows(int index)
    {
        if (_lines.Length == 0)
        {
            return false;
        }

        // The last line starting at or before the index; lines do not overlap.
        var (low, high) = (0, _lines.Length - 1);
        var found = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (_lines[middle].Start <= index)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && index <= _lines[found].End;
    }
}
