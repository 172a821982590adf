namespace CiSecrets.Inventory;

/// <summary>Whether a failing check stops the phase or only reports.</summary>
public enum GateLevel
{
    Block,
    Warn,
}

/// <summary>What a check that could not run counts as.</summary>
public enum SkippedPolicy
{
    Pass,
    Warn,
    Block,
}

/// <summary>One check of a phase, as the policy lists it.</summary>
public sealed record GateCheckEntry(string Check, GateLevel Level = GateLevel.Block, SkippedPolicy WhenSkipped = SkippedPolicy.Pass)
{
    /// <summary>Every check name a policy may use.</summary>
    public static IReadOnlyList<string> KnownChecks { get; } =
    [
        "leaks", "sops", "require-encrypted", "secret-strength", "rotation-age", "inventory",
        "live-values-in-history", "gitignore", "permissions", "cluster",
    ];

    /// <summary>The line of the entry in <c>.cisecrets.yaml</c>.</summary>
    public int Line { get; init; }
}
