namespace CiSecrets.Scanning;

/// <summary>What to scan: a path and which part of it; <see cref="Range"/> only for <see cref="ScanTarget.Range"/>.</summary>
public sealed record ScanRequest(string Path, ScanTarget Target, string? Range = null);
