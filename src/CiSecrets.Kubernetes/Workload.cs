namespace CiSecrets.Kubernetes;

/// <summary>
/// A workload in the cluster and what apply needs to know about it: the Secrets its pod template
/// reads, when it was last restarted (kubectl's <c>restartedAt</c> annotation, else its creation) and
/// whether it is paused.
/// </summary>
public sealed record Workload(WorkloadKind Kind, string Namespace, string Name, IReadOnlySet<string> Secrets)
{
    public DateTimeOffset? RestartedAt { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>A paused Deployment: kubectl refuses to restart it, and so does apply.</summary>
    public bool Paused { get; init; }

    /// <summary>
    /// A StatefulSet or DaemonSet with <c>updateStrategy: OnDelete</c>: the controller replaces no pod
    /// after the restart patch, each picks the new values up when it is deleted. kubectl's rollout
    /// status refuses to wait for such a workload ("only available for RollingUpdate"), so apply
    /// patches it and reports that it did not wait.
    /// </summary>
    public bool OnDelete { get; init; }

    public string Display => $"{Kind.ToString().ToLowerInvariant()}/{Name}";
}
