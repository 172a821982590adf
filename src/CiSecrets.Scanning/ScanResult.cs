using CiSecrets.Scanning.Sources;

namespace CiSecrets.Scanning;

/// <summary>What a scan found, after every suppression, and how the scan went.</summary>
public sealed record ScanResult
{
    /// <summary>The leaks, with their values in memory (for baselines); never print these directly.</summary>
    public required IReadOnlyList<Leak> Leaks { get; init; }

    /// <summary>The same leaks as redacted, printable findings, in the same order.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    public required IReadOnlyList<Stat> Stats { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>
    /// Set when some text was not evaluated by every rule (a user rule's pattern timed out or ran
    /// out of its time budget): the first such warning (<see cref="Warnings"/> has them all).
    /// Such a scan never passes.
    /// </summary>
    public string? Incomplete { get; init; }

    /// <summary>The folder paths are relative to: the repository's working folder, or the scanned folder.</summary>
    public required string Root { get; init; }
}
