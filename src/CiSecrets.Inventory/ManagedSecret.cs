using CiSecrets.Sops;

namespace CiSecrets.Inventory;

/// <summary>
/// One secret the inventory manages: where its value lives (a bundle and a <see cref="Path"/>, or the
/// Kubernetes Secret manifest in the bundle that <see cref="Kubernetes"/> names), how a new value is
/// made, who reads it and how often it rotates. It never holds the value.
/// </summary>
public sealed record ManagedSecret
{
    public required string Name { get; init; }
    public required SecretKind Kind { get; init; }
    public required SecretGenerator Generator { get; init; }

    /// <summary>The SOPS bundle, relative to the repository root with forward slashes.</summary>
    public required string Bundle { get; init; }

    /// <summary>The value's path in the bundle; null when the bundle holds Kubernetes Secret manifests.</summary>
    public SopsPath? Path { get; init; }

    public KubernetesTarget? Kubernetes { get; init; }
    public IReadOnlyList<string> Consumers { get; init; } = [];
    public required TimeSpan RotationInterval { get; init; }
    public required int MinLength { get; init; }
    public DatabaseAccount? Database { get; init; }

    /// <summary>The line of the secret's entry in <c>.cisecrets.yaml</c> (for messages).</summary>
    public int Line { get; init; }
}
