namespace CiSecrets.Gates;

/// <summary>
/// A check's status and one line of detail. The detail names secrets, files and commits, never a
/// value: checks build it only from names and locations.
/// </summary>
public sealed record CheckResult(CheckStatus Status, string Detail)
{
    public static CheckResult Pass(string detail) => new(CheckStatus.Pass, detail);

    public static CheckResult Warn(string detail) => new(CheckStatus.Warn, detail);

    public static CheckResult Fail(string detail) => new(CheckStatus.Fail, detail);

    public static CheckResult Skipped(string reason) => new(CheckStatus.Skipped, reason);

    /// <summary>Fail with the problems joined, or pass with <paramref name="clean"/> when there are none.</summary>
    public static CheckResult FailIfAny(IReadOnlyCollection<string> problems, string clean, int shown = 8) =>
        problems.Count == 0 ? Pass(clean) : Fail(Join(problems, shown));

    /// <summary>Problems as one line: the first few, then how many more.</summary>
    public static string Join(IReadOnlyCollection<string> problems, int shown = 8) =>
        problems.Count <= shown
            ? string.Join("; ", problems)
            : $"{string.Join("; ", problems.Take(shown))}; and {problems.Count - shown} more";
}
