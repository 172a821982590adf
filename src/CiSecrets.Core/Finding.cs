namespace CiSecrets;

/// <summary>
/// One result of a scan or a validation, located in a file (and, for history scans, in a commit).
/// It never holds the secret itself: <see cref="Preview"/> is redacted.
/// </summary>
public sealed record Finding
{
    public required string RuleId { get; init; }
    public required string Description { get; init; }

    /// <summary>Relative to the scanned root, with forward slashes.</summary>
    public required string Path { get; init; }

    /// <summary>1-based line in the file as it was at <see cref="Commit"/>.</summary>
    public int Line { get; init; }

    /// <summary>1-based column of the secret on its line.</summary>
    public int Column { get; init; }

    /// <summary>The full sha of the commit that introduced the line; empty for files on disk and staged changes.</summary>
    public string Commit { get; init; } = "";
    public string Author { get; init; } = "";
    public string Email { get; init; } = "";

    /// <summary>The commit's author date, ISO 8601; empty when there is no commit.</summary>
    public string Date { get; init; } = "";

    /// <summary><c>commit:path:ruleId:line</c> (gitleaks-compatible), or <c>path:ruleId:line</c> without a commit.</summary>
    public string Fingerprint => Commit.Length > 0 ? $"{Commit}:{Path}:{RuleId}:{Line}" : $"{Path}:{RuleId}:{Line}";

    /// <summary>A few leading characters of the secret and a mask.</summary>
    public string Preview { get; init; } = Redaction.Mask;

    /// <summary>
    /// Tells findings of the same value apart without revealing it: an HMAC of the secret under a key
    /// drawn for one scan and then discarded, so it is equal for equal values within one report,
    /// unrelated across reports and not reversible by guessing weak values. Empty when not computed.
    /// </summary>
    public string SecretId { get; init; } = "";

    /// <summary>Shannon entropy of the secret in bits per character, 0 where it does not apply.</summary>
    public double Entropy { get; init; }

    public Severity Severity { get; init; } = Severity.Error;

    /// <summary>How sure the finding is; checks other than the secret scan are certain.</summary>
    public Confidence Confidence { get; init; } = Confidence.High;

    /// <summary>A human sentence for the finding; defaults to the description.</summary>
    public string? Message { get; init; }
}
