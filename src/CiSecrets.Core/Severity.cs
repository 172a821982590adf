namespace CiSecrets;

/// <summary>How much a finding matters; maps to SARIF levels and workflow annotation kinds.</summary>
public enum Severity
{
    Note,
    Warning,
    Error,
}
