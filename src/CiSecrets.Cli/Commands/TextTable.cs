using System.Text;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// A plain-text table with padded columns. Plain rather than a terminal widget so that piped and
/// CI output keeps whole lines (no wrapping at a guessed width) and stays greppable.
/// </summary>
internal static class TextTable
{
    /// <summary>Every cell is escaped (<see cref="PrintedText"/>): a name from a repository or a cluster cannot start a line.</summary>
    public static string Render(IReadOnlyList<string> headers, IReadOnlyList<string[]> cells)
    {
        var rows = cells.Select(row => row.Select(PrintedText.Escape).ToArray()).ToList();
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var builder = new StringBuilder();
        void Line(IReadOnlyList<string> cells)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                builder.Append(i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
            }

            builder.Append('\n');
        }

        Line(headers);
        foreach (var row in rows)
        {
            Line(row);
        }

        return builder.ToString();
    }
}
