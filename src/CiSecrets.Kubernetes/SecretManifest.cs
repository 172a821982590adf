namespace CiSecrets.Kubernetes;

/// <summary>
/// A Secret as the bundle (or the inventory) wants it in the cluster: its name, namespace (null: the
/// namespace of the command), type and plaintext data. Holds values, so it never prints them.
/// </summary>
public sealed record SecretManifest(string Name, string? Namespace, string Type, IReadOnlyDictionary<string, byte[]> Data)
{
    /// <summary>When the values were last rotated (from <c>.cisecrets-rotations.yaml</c>), if known.</summary>
    public DateTimeOffset? RotatedAt { get; init; }

    /// <summary>How old the values may get before verify calls them overdue.</summary>
    public TimeSpan? RotationInterval { get; init; }

    public override string ToString() => $"SecretManifest({Namespace ?? "-"}/{Name}, keys: {string.Join(", ", Data.Keys)}, {Redaction.Mask})";
}
