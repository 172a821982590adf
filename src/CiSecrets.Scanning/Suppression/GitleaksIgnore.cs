namespace CiSecrets.Scanning.Suppression;

/// <summary>
/// A <c>.gitleaksignore</c> file, honoured so teams migrating from gitleaks keep their
/// suppressions: one fingerprint a line, <c>commit:path:rule:line</c> for one commit or
/// <c>path:rule:line</c> for every commit; <c>#</c> starts a comment.
/// </summary>
public sealed class GitleaksIgnore
{
    private readonly HashSet<string> _fingerprints;

    private GitleaksIgnore(HashSet<string> fingerprints) => _fingerprints = fingerprints;

    public static GitleaksIgnore Empty { get; } = new([]);

    public int Count => _fingerprints.Count;

    public static GitleaksIgnore Load(string path) =>
        !File.Exists(path)
            ? Empty
            : new GitleaksIgnore(File.ReadLines(path)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .ToHashSet(StringComparer.Ordinal));

    public bool Ignores(Finding finding) =>
        _fingerprints.Contains(finding.Fingerprint)
        || _fingerprints.Contains($"{finding.Path}:{finding.RuleId}:{finding.Line}");
}
