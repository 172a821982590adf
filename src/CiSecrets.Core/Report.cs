namespace CiSecrets;

/// <summary>
/// The one model every output format renders: the rules that can fire, what fired, counters
/// about the run, and warnings (for example a shallow clone) that are not findings.
/// </summary>
public sealed record Report
{
    /// <summary>The command that produced it (scan, sops validate, gate), shown in headers.</summary>
    public required string Title { get; init; }
    public IReadOnlyList<RuleDescriptor> Rules { get; init; } = [];
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Named counters and figures, in the order they should be shown.</summary>
    public IReadOnlyList<Stat> Stats { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Informational lines (skipped files, unused baseline entries).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The repository root the paths are relative to, when there is one.</summary>
    public string? Root { get; init; }
}
