namespace CiSecrets.Kubernetes;

/// <summary>
/// One result of verifying the cluster: about a whole Secret (<see cref="Key"/> null) or one key.
/// <see cref="ByteLength"/> is the only thing said about a value.
/// </summary>
public sealed record SecretCheck(string Namespace, string Secret, string? Key, SecretCheckStatus Status, string Message)
{
    public int? ByteLength { get; init; }

    public bool Failed => Status is not (SecretCheckStatus.Ok or SecretCheckStatus.Skipped);

    /// <summary>A stable rule-like id for reports: <c>cluster/missing-key</c> and so on.</summary>
    public string RuleId => Status switch
    {
        SecretCheckStatus.MissingSecret => "cluster/missing-secret",
        SecretCheckStatus.MissingKey => "cluster/missing-key",
        SecretCheckStatus.EmptyValue => "cluster/empty-value",
        SecretCheckStatus.Placeholder => "cluster/placeholder",
        SecretCheckStatus.Overdue => "cluster/overdue",
        SecretCheckStatus.Unreachable => "cluster/unreachable",
        _ => "cluster/ok",
    };
}

public enum SecretCheckStatus
{
    Ok,
    Skipped,
    MissingSecret,
    MissingKey,
    EmptyValue,
    Placeholder,
    Overdue,
    Unreachable,
}
