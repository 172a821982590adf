using System.Globalization;
using System.Text;

namespace CiSecrets.Reporting;

/// <summary>
/// A Markdown table, for <c>$GITHUB_STEP_SUMMARY</c> and pull request comments. Rows are capped
/// so the summary stays far below GitHub's 1 MiB limit. A finding that is not in a file (line 0)
/// has an empty Line cell: its File cell holds the object's name.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public const int MaxRows = 200;

    public string Format => "markdown";

    public Task WriteAsync(Report report, TextWriter writer, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var verdict = report.Findings.Count == 0 ? "no findings" : $"{report.Findings.Count} finding{(report.Findings.Count == 1 ? "" : "s")}";
        text.Append(CultureInfo.InvariantCulture, $"### {Cell(report.Title)}: {verdict}\n\n");
        foreach (var warning in report.Warnings)
        {
            text.Append(CultureInfo.InvariantCulture, $"> [!WARNING]\n> {Cell(warning)}\n\n");
        }

        if (report.Findings.Count > 0)
        {
            text.Append("| Rule | File | Line | Commit | Author | Preview |\n|---|---|---|---|---|---|\n");
            foreach (var finding in report.Findings.Take(MaxRows))
            {
                var commit = finding.Commit.Length > 0 ? $"`{finding.Commit[..Math.Min(12, finding.Commit.Length)]}`" : "";
                var line = FindingLocation.IsInFile(finding) ? finding.Line.ToString(CultureInfo.InvariantCulture) : "";
                var preview = finding.Preview.Length > 0 ? $"`{Cell(finding.Preview)}`" : "";
                text.Append(CultureInfo.InvariantCulture,
                    $"| `{Cell(finding.RuleId)}` | `{Cell(finding.Path)}` | {line} | {commit} | {Cell(finding.Author)} | {preview} |\n");
            }

            if (report.Findings.Count > MaxRows)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n…and {report.Findings.Count - MaxRows} more: see the SARIF or JSON report.\n");
            }

            text.Append('\n');
        }

        var figures = report.Stats.Where(s => s.Name is not "peakMemoryMb").ToList();
        if (figures.Count > 0)
        {
            text.Append("<details><summary>Statistics</summary>\n\n| Figure | Value |\n|---|---|\n");
            foreach (var stat in figures)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Cell(stat.Name)} | {Cell(Convert.ToString(stat.Value, CultureInfo.InvariantCulture) ?? "")} |\n");
            }

            text.Append("\n</details>\n");
        }

        foreach (var notice in report.Notices.Take(50))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {Cell(notice)}\n");
        }

        return writer.WriteAsync(text, cancellationToken);
    }

    /// <summary>Escapes what would break a table cell or inject markup; control characters and workflow commands as <see cref="PrintedText"/> does.</summary>
    public static string Cell(string value) =>
        PrintedText.Escape(value).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal);
}
