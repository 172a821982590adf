using System.Globalization;
using System.Text;

namespace CiSecrets.Build.Engine;

/// <summary>The closing table of a build: one row per planned target with its status and duration.</summary>
public static class SummaryTable
{
    public static string Render(IReadOnlyList<TargetResult> results)
    {
        var nameWidth = Math.Max(12, results.Max(r => r.Name.Length) + 2);
        const int statusWidth = 12;
        var rule = new string('─', nameWidth + statusWidth + 10);
        var text = new StringBuilder();
        text.AppendLine(new string('═', rule.Length));
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Target".PadRight(nameWidth)}{"Status".PadRight(statusWidth)}Duration");
        text.AppendLine(rule);
        foreach (var result in results)
        {
            var duration = result.Status is TargetStatus.Succeeded or TargetStatus.Failed ? Format(result.Duration) : "";
            var note = result.Note is null || result.Status == TargetStatus.Succeeded ? "" : $"   // {FirstLine(result.Note)}";
            text.AppendLine(CultureInfo.InvariantCulture, $"{result.Name.PadRight(nameWidth)}{result.Status.ToString().PadRight(statusWidth)}{duration,8}{note}");
        }

        text.AppendLine(rule);
        var total = results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration);
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Total".PadRight(nameWidth)}{"".PadRight(statusWidth)}{Format(total),8}");
        text.AppendLine(new string('═', rule.Length));
        return text.ToString();
    }

    private static string FirstLine(string note)
    {
        var line = note.Split('\n')[0].TrimEnd();
        return line.Length <= 100 ? line : line[..97] + "...";
    }

    private static string Format(TimeSpan duration) =>
        duration.TotalHours >= 1
            ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : duration.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
