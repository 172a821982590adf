using System.Globalization;
using System.Text;

namespace CiSecrets.Reporting;

/// <summary>One line per finding (every name and message escaped by <see cref="PrintedText"/>, so none can start a line of its own) (<c>path:line:column</c>, or the object's name when it is not in a file), for people reading a terminal or a CI log.</summary>
public sealed class TextReportWriter : IReportWriter
{
    public string Format => "text";

    public Task WriteAsync(Report report, TextWriter writer, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var warning in report.Warnings)
        {
            text.Append("warning: ").AppendLine(PrintedText.Escape(warning));
        }

        foreach (var finding in report.Findings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{PrintedText.Escape(FindingLocation.Text(finding))}  {PrintedText.Escape(finding.RuleId)}  {PrintedText.Escape(finding.Message ?? finding.Description)}");
            if (finding.Preview.Length > 0)
            {
                text.Append("  ").Append(PrintedText.Escape(finding.Preview));
            }
            if (finding.Commit.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"  commit {finding.Commit[..Math.Min(12, finding.Commit.Length)]} by {PrintedText.Escape(finding.Author)} <{PrintedText.Escape(finding.Email)}> {PrintedText.Escape(finding.Date)}");
            }

            text.AppendLine();
        }

        foreach (var notice in report.Notices)
        {
            text.Append("note: ").AppendLine(PrintedText.Escape(notice));
        }

        var rules = report.Findings.Select(f => f.RuleId).Distinct().Count();
        text.Append(CultureInfo.InvariantCulture, $"{report.Title}: {Plural(report.Findings.Count, "finding")}");
        if (report.Findings.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({Plural(rules, "rule")})");
        }

        var figures = report.Stats.Where(s => s.Name is "commits" or "blobs" or "bytes" or "durationMs").ToList();
        if (figures.Count > 0)
        {
            text.Append("; ").AppendJoin(", ", figures.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.Value}")));
        }

        text.AppendLine();
        return writer.WriteAsync(text, cancellationToken);
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
