using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Detection;

/// <summary>
/// What the user (or the defaults) says is never a leak: paths, secret patterns, stopwords and
/// commits. Paths are globs over repository-relative paths with forward slashes.
/// </summary>
public sealed record ScanAllowlist
{
    public IReadOnlyList<Glob> Paths { get; init; } = [];

    /// <summary>Path regexes, as gitleaks configurations write them.</summary>
    public IReadOnlyList<Regex> PathRegexes { get; init; } = [];
    public IReadOnlyList<Regex> Regexes { get; init; } = [];

    /// <summary>Lower-case words that, contained in a secret, mark it as not real.</summary>
    public IReadOnlyList<string> Stopwords { get; init; } = [];

    /// <summary>Full or abbreviated commit shas whose changes are not reported.</summary>
    public IReadOnlyList<string> Commits { get; init; } = [];

    /// <summary>Files whose content is generated hashes, never secrets.</summary>
    public static ScanAllowlist Default { get; } = new()
    {
        Paths = new[]
        {
            "**/package-lock.json", "**/npm-shrinkwrap.json", "**/yarn.lock", "**/pnpm-lock.yaml", "**/packages.lock.json",
            "**/Cargo.lock", "**/go.sum", "**/poetry.lock", "**/Pipfile.lock", "**/composer.lock", "**/Gemfile.lock",
            "**/gradle.lockfile", "**/flake.lock", "**/*.sum",
        }.Select(Glob.Parse).ToArray(),
    };

    public bool AllowsPath(string path) =>
        Paths.Any(glob => glob.IsMatch(path)) || PathRegexes.Any(regex => regex.IsMatch(path));

    public bool AllowsCommit(string sha) =>
        sha.Length > 0 && Commits.Any(allowed => sha.StartsWith(allowed, StringComparison.OrdinalIgnoreCase));

    public bool AllowsSecret(string secret) =>
        Regexes.Any(regex => regex.IsMatch(secret))
        || Stopwords.Any(word => secret.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>Both lists at once: the defaults and a user's additions.</summary>
    public ScanAllowlist Merge(ScanAllowlist other) => new()
    {
        Paths = [.. Paths, .. other.Paths],
        PathRegexes = [.. PathRegexes, .. other.PathRegexes],
        Regexes = [.. Regexes, .. other.Regexes],
        Stopwords = [.. Stopwords, .. other.Stopwords],
        Commits = [.. Commits, .. other.Commits],
    };
}
