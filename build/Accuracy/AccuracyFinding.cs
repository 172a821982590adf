using System.Text.Json;

namespace CiSecrets.Build.Accuracy;

/// <summary>
/// One finding of a <c>cisecrets scan --format json</c> report, as much of it as the accuracy review
/// needs. It never holds the secret: the preview is redacted and <see cref="SecretId"/> is a keyed hash
/// valid within that one report.
/// </summary>
public sealed record AccuracyFinding(string RuleId, string Path, int Line, string Commit, string Preview, string SecretId, string Confidence)
{
    /// <summary>What one leak is: the rule, the secret and the path (not the commit or the line).</summary>
    public (string RuleId, string SecretId, string Path) Leak => (RuleId, SecretId, Path);

    public static IReadOnlyList<AccuracyFinding> ReadReport(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("the report has no 'findings' array");
        }

        return [.. findings.EnumerateArray().Select(finding => new AccuracyFinding(
            Text(finding, "ruleId"),
            Text(finding, "path"),
            finding.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number ? line.GetInt32() : 0,
            Text(finding, "commit"),
            Text(finding, "preview"),
            Text(finding, "secretId"),
            // Before findings carried a confidence, every one counts as unrated.
            Text(finding, "confidence") is { Length: > 0 } confidence ? confidence : "unrated"))];
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
