namespace CiSecrets.Scanning.Sources;

/// <summary>
/// What a workflow event says to scan: a commit range (<see cref="Commits"/>) or, for events
/// that name no commits, the whole history. <see cref="Description"/> says why, for a notice.
/// </summary>
public sealed record EventScanScope(ScanTarget Target, CommitRange? Commits, string Description)
{
    /// <summary>The scan request for the repository at <paramref name="path"/>.</summary>
    public ScanRequest ToScanRequest(string path) => new(path, Target, Commits?.ToString(), Commits);
}
