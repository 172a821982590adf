namespace CiSecrets;

/// <summary>What a report says about a rule: its stable id, and the text shown beside its findings.</summary>
public sealed record RuleDescriptor(string Id, string Description, Severity Severity = Severity.Error)
{
    /// <summary>Longer help shown in SARIF and Markdown; defaults to the description.</summary>
    public string? Help { get; init; }
}
