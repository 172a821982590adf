using CiSecrets.Rotation.GitHub;

namespace CiSecrets.Rotation;

/// <summary>
/// What a rotation did: the secrets it rotated (names only), the branch and the pull request, or,
/// for a working-tree rotation (<c>--local</c>), the files it wrote.
/// </summary>
public sealed record RotationResult(
    IReadOnlyList<PlannedRotation> Plan,
    IReadOnlyList<string> Rotated,
    string? Branch,
    RotationPullRequest? PullRequest,
    PullRequestOperation Operation,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The files a working-tree rotation rewrote (relative paths); empty for a pull-request rotation.</summary>
    public IReadOnlyList<string> WrittenFiles { get; init; } = [];
}

public enum PullRequestOperation
{
    /// <summary>Nothing was due: no branch, no pull request.</summary>
    None,
    Created,
    Updated,
}
