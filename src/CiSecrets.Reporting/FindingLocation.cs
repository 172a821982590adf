using System.Globalization;

namespace CiSecrets.Reporting;

/// <summary>
/// Where a finding is, as each format shows it. A finding with a line is in a file; one without
/// (line 0: a cluster object, a gate check) names a resource such as <c>apps/secret/db/KEY</c>, which
/// is no file and has no line, so no format may print it as <c>path:0:0</c> or point a file viewer at it.
/// </summary>
public static class FindingLocation
{
    public static bool IsInFile(Finding finding) => finding.Line > 0;

    /// <summary><c>path:line:column</c> for a file, the bare name for anything else.</summary>
    public static string Text(Finding finding) =>
        IsInFile(finding) ? string.Create(CultureInfo.InvariantCulture, $"{finding.Path}:{finding.Line}:{finding.Column}") : finding.Path;
}
