namespace CiSecrets.Kubernetes;

/// <summary>How <see cref="SecretApplier"/> runs.</summary>
public sealed record ApplyOptions
{
    /// <summary>Only say what would change and restart; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>How long all rollouts together may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often rollout progress is read.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
