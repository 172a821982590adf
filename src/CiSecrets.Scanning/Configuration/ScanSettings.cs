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

    /// <summary>Findings less sure than this are left out (default: none are).</summary>
    public Confidence MinConfidence { get; init; } = Confidence.Low;
}
