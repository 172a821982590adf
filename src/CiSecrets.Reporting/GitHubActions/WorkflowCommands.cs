using System.Globalization;

namespace CiSecrets.Reporting.GitHubActions;

/// <summary>
/// Workflow commands printed to standard output
/// (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands), escaped
/// as actions/toolkit does so that a path or message cannot inject another command.
/// </summary>
public static class WorkflowCommands
{
    /// <summary>An <c>::error</c> (or warning/notice) annotation on a file line, or on the job for a finding that is not in a file.</summary>
    public static string Annotation(Finding finding)
    {
        var kind = finding.Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "notice",
        };
        var title = $"title={Property($"{finding.RuleId}: {finding.Description}")}";

        // An object that is no file (line 0) gets a job-level annotation: a file property would point at nothing.
        var properties = FindingLocation.IsInFile(finding)
            ? string.Create(CultureInfo.InvariantCulture, $"file={Property(finding.Path)},line={finding.Line},col={Math.Max(1, finding.Column)},{title}")
            : title;
        var where = finding.Commit.Length > 0 ? $" (added in commit {finding.Commit[..Math.Min(12, finding.Commit.Length)]})"
            : FindingLocation.IsInFile(finding) ? "" : $" ({finding.Path})";
        var preview = finding.Preview.Length > 0 ? $": {finding.Preview}" : "";
        return $"::{kind} {properties}::{Message($"{finding.Message ?? finding.Description}{where}{preview}")}";
    }

    public static string Warning(string message) => $"::warning::{Message(message)}";

    /// <summary>Escapes a command's data exactly as actions/toolkit does, so the runner decodes the value itself (an <c>add-mask</c> value must match the text it hides).</summary>
    public static string Data(string value) => Percent(value);

    /// <summary>Escapes an annotation's message: line breaks as the runner decodes them, other control characters as <see cref="PrintedText"/> shows them.</summary>
    public static string Message(string value) => PrintedText.Escape(Percent(value));

    /// <summary>Escapes a command's property value.</summary>
    public static string Property(string value) =>
        PrintedText.Escape(Percent(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal));

    private static string Percent(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
