namespace CiSecrets.Kubernetes;

/// <summary>What happened to one Secret. <see cref="ChangedKeys"/> are key names only.</summary>
public sealed record SecretOutcome(string Namespace, string Name, SecretAction Action, IReadOnlyList<string> ChangedKeys, string? Problem = null)
{
    public bool Failed => Action == SecretAction.Failed;
}

public enum SecretAction
{
    Unchanged,
    Created,
    Updated,
    WouldCreate,
    WouldUpdate,
    Failed,
}

/// <summary>What happened to one consumer of a changed Secret.</summary>
public sealed record WorkloadOutcome(Workload Workload, WorkloadAction Action, string Message, IReadOnlyList<string> Secrets)
{
    public bool Failed => Action is WorkloadAction.Failed or WorkloadAction.TimedOut or WorkloadAction.Skipped;
}

public enum WorkloadAction
{
    WouldRestart,
    RolledOut,

    /// <summary>A CronJob: its next run reads the new values.</summary>
    Scheduled,

    /// <summary>Patched, not waited for: an OnDelete workload's pods read the new values when they are deleted.</summary>
    NotWaited,
    Skipped,
    TimedOut,
    Failed,
}

/// <summary>The outcome of an apply, per object; a failure part-way leaves the rest reported too.</summary>
public sealed record ApplyResult(IReadOnlyList<SecretOutcome> Secrets, IReadOnlyList<WorkloadOutcome> Workloads, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0 && !Secrets.Any(s => s.Failed) && !Workloads.Any(w => w.Failed);
}
