namespace CiSecrets.Build.Engine;

/// <summary>The statuses of Nuke's summary (<c>ExecutionStatus</c>), minus those we never produce.</summary>
public enum TargetStatus
{
    Succeeded,
    Failed,
    Skipped,
    NotRun,
}

/// <summary>How one planned target ended, for the summary table.</summary>
public sealed record TargetResult(string Name, TargetStatus Status, TimeSpan Duration, string? Note);
