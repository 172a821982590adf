namespace CiSecrets.Scanning;

/// <summary>
/// What to scan: a path and which part of it. A <see cref="ScanTarget.Range"/> scan reads
/// <see cref="Commits"/> when given (event range detection), else parses <see cref="Range"/> (<c>BASE..HEAD</c>).
/// </summary>
public sealed record ScanRequest(string Path, ScanTarget Target, string? Range = null, CommitRange? Commits = null);
