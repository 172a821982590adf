namespace CiSecrets.Inventory;

/// <summary>The Kubernetes Secret and key a managed secret lands in; no namespace means the context's.</summary>
public sealed record KubernetesTarget(string Secret, string Key, string? Namespace);
