using CiSecrets.Sops.Age;

namespace CiSecrets.Sops;

/// <summary>
/// One <c>creation_rules</c> entry of <c>.sops.yaml</c> (or the equivalent of command-line key flags):
/// which files it matches, the key groups a new data key is wrapped for, and the encryption rules.
/// https://github.com/getsops/sops/blob/main/config/config.go
/// </summary>
public sealed record SopsCreationRule
{
    /// <summary>Unanchored regex matched against the path relative to the config's folder; null matches every file.</summary>
    public string? PathRegex { get; init; }

    public required IReadOnlyList<SopsKeyGroup> KeyGroups { get; init; }

    public int ShamirThreshold { get; init; }

    public EncryptionRules Rules { get; init; } = new();

    /// <summary>A rule with one key group of age recipients.</summary>
    public static SopsCreationRule ForAge(IEnumerable<AgeRecipient> recipients, EncryptionRules? rules = null) => new()
    {
        KeyGroups = [new SopsKeyGroup([.. recipients.Select(r => SopsMasterKey.Age(r.Text, ""))])],
        Rules = rules ?? new EncryptionRules(),
    };

    /// <summary>A rule with several groups of age recipients (Shamir).</summary>
    public static SopsCreationRule ForAgeGroups(IEnumerable<IEnumerable<AgeRecipient>> groups, int threshold, EncryptionRules? rules = null) => new()
    {
        KeyGroups = [.. groups.Select(g => new SopsKeyGroup([.. g.Select(r => SopsMasterKey.Age(r.Text, ""))]))],
        ShamirThreshold = threshold,
        Rules = rules ?? new EncryptionRules(),
    };

    public override string ToString() => $"creation rule {PathRegex ?? "(any file)"}: {string.Join(" | ", KeyGroups)}";
}
