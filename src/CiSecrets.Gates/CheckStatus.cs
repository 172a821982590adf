namespace CiSecrets.Gates;

/// <summary>What one check concluded.</summary>
public enum CheckStatus
{
    Pass,
    Warn,
    Fail,

    /// <summary>The check could not run (no age identity, no cluster); the policy says what that counts as.</summary>
    Skipped,
}

public static class CheckStatuses
{
    public static string Name(this CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Warn => "warn",
        CheckStatus.Fail => "fail",
        _ => "skipped",
    };
}
