using CiSecrets.Rotation.GitHub;

namespace CiSecrets.Rotation;

/// <summary>What a rotation did: the secrets it rotated (names only), the branch and the pull request.</summary>
public sealed record RotationResult(
    IReadOnlyList<PlannedRotation> Plan,
    IReadOnlyList<string> Rotated,
    string? Branch,
    RotationPullRequest? PullRequest,
    PullRequestOperation Operation,
    IReadOnlyList<string> Warnings);

public enum PullRequestOperation
{
    /// <summary>Nothing was due: no branch, no pull request.</summary>
    None,
    Created,
    Updated,
}
