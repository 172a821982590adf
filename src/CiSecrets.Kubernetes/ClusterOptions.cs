namespace CiSecrets.Kubernetes;

/// <summary>How to reach the cluster: a kubeconfig file and context, or the in-cluster service account.</summary>
public sealed record ClusterOptions
{
    /// <summary>The kubeconfig file; null: <c>KUBECONFIG</c>, then <c>~/.kube/config</c>, then in-cluster.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context; null: its current context.</summary>
    public string? Context { get; init; }

    /// <summary>The namespace; null: the context's namespace, else <c>default</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>How long one API call may take before it fails; null: the client's default (100 s).</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Where a pod's service account token, CA and namespace are mounted (tests give a temporary folder).</summary>
    public string ServiceAccountDirectory { get; init; } = InClusterConfiguration.DefaultServiceAccountDirectory;
}
