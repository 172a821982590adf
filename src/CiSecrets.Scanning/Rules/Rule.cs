using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// One detection rule: a stable id (the SARIF ruleId, and gitleaks' id where gitleaks has the same
/// rule, so that <c>.gitleaksignore</c> entries keep working), how to find candidates cheaply
/// (keywords), how to locate the secret (a regex with a <c>secret</c> group, or a format-aware
/// locator), what makes a candidate real (entropy, a validator), and its own proof: examples that
/// must and must not be reported.
/// </summary>
public sealed record Rule
{
    public required string Id { get; init; }
    public required string Description { get; init; }

    /// <summary>Finds candidate secrets in a window of text.</summary>
    public required ISecretLocator Locator { get; init; }

    /// <summary>
    /// Lower-case strings of which at least one must occur (case-insensitively) in the text for
    /// the rule to run at all; the locator then runs only around them. Empty: the rule runs on
    /// every file its <see cref="PathPattern"/> admits.
    /// </summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Shannon entropy (bits per character) a secret must reach; 0 for none.</summary>
    public double MinEntropy { get; init; }

    /// <summary>When set, the rule only applies to paths (forward slashes) this matches.</summary>
    public Regex? PathPattern { get; init; }

    /// <summary>When set, the rule never applies to paths this matches.</summary>
    public Regex? ExcludedPathPattern { get; init; }

    /// <summary>
    /// How far after the keyword's line the locator may look: 0 keeps it on the line; private
    /// key blocks and manifests need the lines that follow.
    /// </summary>
    public int WindowAfter { get; init; }

    /// <summary>How far before the keyword's line the locator may look, for formats whose secret precedes its keyword.</summary>
    public int WindowBefore { get; init; }

    /// <summary>
    /// A generic rule yields: where it overlaps a specific rule's finding, only the specific one is kept.
    /// Generic rules also apply the placeholder and reference filters to their values.
    /// </summary>
    public bool IsGeneric { get; init; }

    /// <summary>An extra check on the secret (a checksum, a decodable header); false drops the candidate.</summary>
    public Func<string, bool>? Validator { get; init; }

    /// <summary>Texts the rule must report (each at least once).</summary>
    public IReadOnlyList<RuleExample> TruePositives { get; init; } = [];

    /// <summary>Texts the rule must not report.</summary>
    public IReadOnlyList<RuleExample> FalsePositives { get; init; } = [];

    public Severity Severity { get; init; } = Severity.Error;

    /// <summary>
    /// Written by a user (a custom or gitleaks-config rule): its pattern may backtrack, so it runs
    /// with a match timeout and a time budget per scan (see <see cref="Detection.RuleTimeBudget"/>).
    /// </summary>
    public bool IsUserDefined { get; init; }

    public RuleDescriptor Descriptor => new(Id, Description, Severity);

    public override string ToString() => Id;
}
