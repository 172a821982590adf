using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Rules;
using CiSecrets.Scanning.Suppression;

namespace CiSecrets.Scanning.Configuration;

/// <summary>Everything that shapes a scan besides what to scan: rules, suppressions and limits.</summary>
public sealed record ScanSettings
{
    public const long DefaultMaxFileSize = 10L * 1024 * 1024;

    public IReadOnlyList<Rule> Rules { get; init; } = BuiltInRules.All;
    public ScanAllowlist Allowlist { get; init; } = ScanAllowlist.Default;

    /// <summary>Files larger than this are skipped and reported, not scanned.</summary>
    public long MaxFileSize { get; init; } = DefaultMaxFileSize;

    public int Parallelism { get; init; } = Environment.ProcessorCount;
    public Baseline? Baseline { get; init; }
    public GitleaksIgnore Ignore { get; init; } = GitleaksIgnore.Empty;

    /// <summary>The total time one user-written rule may take in one scan before it is skipped (the scan then being incomplete).</summary>
    public TimeSpan UserRuleBudget { get; init; } = RuleTimeBudget.DefaultPerRule;

    /// <summary>The clock user rules are metered by.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Findings less sure than this are left out (default: none are).</summary>
    public Confidence MinConfidence { get; init; } = Confidence.Low;
}
