namespace CiSecrets.Kubernetes;

/// <summary>Where a rollout stands: still going (with kubectl's message), done, or failed for good.</summary>
public sealed record RolloutProgress(RolloutState State, string Message)
{
    public static RolloutProgress Done(string message = "rolled out") => new(RolloutState.Done, message);

    public static RolloutProgress Waiting(string message) => new(RolloutState.Waiting, message);

    public static RolloutProgress Failed(string message) => new(RolloutState.Failed, message);
}

public enum RolloutState
{
    Waiting,
    Done,
    Failed,
}
