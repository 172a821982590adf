namespace CiSecrets.Kubernetes;

/// <summary>A Secret the workloads need: its keys and how old its values may be. No values.</summary>
public sealed record RequiredSecret(string? Namespace, string Name, IReadOnlyList<string> Keys, TimeSpan RotationInterval)
{
    public static readonly TimeSpan DefaultRotationInterval = TimeSpan.FromDays(90);

    /// <summary>What a bundle manifest requires: every key it holds, its interval or the default.</summary>
    public static RequiredSecret From(SecretManifest manifest) =>
        new(manifest.Namespace, manifest.Name, [.. manifest.Data.Keys.Order(StringComparer.Ordinal)], manifest.RotationInterval ?? DefaultRotationInterval);
}
