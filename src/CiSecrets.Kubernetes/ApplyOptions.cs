namespace CiSecrets.Kubernetes;

/// <summary>How <see cref="SecretApplier"/> runs.</summary>
public sealed record ApplyOptions
{
    /// <summary>Only say what would change and restart; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>How long all rollouts together may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often each restarted workload is read to judge its rollout. Polled rather than watched on
    /// purpose: kubectl's rollout status watches, but a watch is a long-lived streaming response per
    /// workload that proxies in front of CI clusters cut, and resuming one correctly means a
    /// resourceVersion, 410 Gone and a re-list (an informer). Each wait here ends at one object's
    /// verdict, which a single GET gives in full; a GET per workload per interval is a light load,
    /// the verdict is at most one interval late, and there is one code path under the timeout and
    /// the per-object failure handling. The CLI sets it with <c>--poll-interval</c>, tests with a few
    /// milliseconds.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
