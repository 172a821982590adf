namespace CiSecrets.Rotation.GitHub;

/// <summary>A pull request as rotation needs it: where it is and which branch it proposes.</summary>
public sealed record RotationPullRequest(long Number, string Url, string HeadBranch, string BaseBranch);
