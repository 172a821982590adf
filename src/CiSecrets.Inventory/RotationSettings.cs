namespace CiSecrets.Inventory;

/// <summary>The name and email rotation commits are made as.</summary>
public sealed record CommitAuthor(string Name, string Email)
{
    /// <summary>The identity GitHub shows for commits made by a workflow's GITHUB_TOKEN.</summary>
    public static CommitAuthor ActionsBot { get; } = new("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com");
}

/// <summary>How rotation proposes new values: the branch it pushes and the pull request it opens.</summary>
public sealed record RotationSettings
{
    public string BranchPrefix { get; init; } = "cisecrets/rotate-";
    public IReadOnlyList<string> Labels { get; init; } = [];
    public IReadOnlyList<string> Reviewers { get; init; } = [];
    public IReadOnlyList<string> TeamReviewers { get; init; } = [];
    public CommitAuthor Author { get; init; } = CommitAuthor.ActionsBot;

    public static RotationSettings Default { get; } = new();
}
