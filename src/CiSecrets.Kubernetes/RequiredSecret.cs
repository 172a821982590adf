namespace CiSecrets.Kubernetes;

/// <summary>A Secret the workloads need: its keys and how old its values may be. No values.</summary>
public sealed record RequiredSecret(string? Namespace, string Name, IReadOnlyList<string> Keys, TimeSpan RotationInterval)
{
    public static readonly TimeSpan DefaultRotationInterval = TimeSpan.FromDays(90);
}
