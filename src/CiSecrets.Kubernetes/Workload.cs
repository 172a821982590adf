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

    public string Display => $"{Kind.ToString().ToLowerInvariant()}/{Name}";
}
