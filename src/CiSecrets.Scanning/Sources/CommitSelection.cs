using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>Which commits a history or range scan visits.</summary>
internal static class CommitSelection
{
    /// <summary>
    /// Every commit reachable from any ref (branches, tags, remote-tracking refs, stashes, notes
    /// excluded only when they are not commits) and from a detached HEAD.
    /// </summary>
    public static IReadOnlyList<ObjectId> All(Repository repository)
    {
        var tips = repository.Refs
            .Select(Peel)
            .Append(repository.Info.IsHeadUnborn ? null : repository.Head.Tip)
            .OfType<Commit>()
            .DistinctBy(commit => commit.Id)
            .ToList();
        if (tips.Count == 0)
        {
            return [];
        }

        return [.. repository.Commits
            .QueryBy(new CommitFilter { IncludeReachableFrom = tips, SortBy = CommitSortStrategies.Topological })
            .Select(commit => commit.Id)];
    }

    /// <summary>
    /// The commits in <c>HEAD</c> not in <c>BASE</c> for a range <c>BASE..HEAD</c> (what
    /// <c>git rev-list BASE..HEAD</c> lists: every parent followed, merged-in commits included).
    /// </summary>
    public static IReadOnlyList<ObjectId> Range(Repository repository, string repositoryPath, string range)
    {
        if (range.Contains("...", StringComparison.Ordinal))
        {
            throw new InputException(range, "three-dot ranges are symmetric differences; give BASE..HEAD");
        }

        var parts = range.Split("..", 2);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new InputException(range, "not a commit range; expected BASE..HEAD");
        }

        var @base = Resolve(repository, repositoryPath, parts[0]);
        var head = Resolve(repository, repositoryPath, parts[1]);
        return [.. repository.Commits
            .QueryBy(new CommitFilter { IncludeReachableFrom = head, ExcludeReachableFrom = @base, SortBy = CommitSortStrategies.Topological })
            .Select(commit => commit.Id)];
    }

    private static Commit Resolve(Repository repository, string repositoryPath, string revision)
    {
        GitObject? target;
        try
        {
            target = repository.Lookup(revision);
        }
        catch (LibGit2SharpException e)
        {
            throw new InputException(revision, $"unknown revision in {repositoryPath}: {GitErrors.OneLine(e.Message)}", e);
        }

        var commit = target is null ? null : TryPeel(target);
        if (commit is not null)
        {
            return commit;
        }

        var hint = repository.Info.IsShallow
            ? " (this is a shallow clone: fetch full history, e.g. actions/checkout with fetch-depth: 0)"
            : "";
        throw new InputException(revision, $"unknown revision or not a commit in {repositoryPath}{hint}");
    }

    private static Commit? TryPeel(GitObject target)
    {
        try
        {
            return target.Peel<Commit>();
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    private static Commit? Peel(Reference reference)
    {
        try
        {
            var target = reference.ResolveToDirectReference()?.Target;
            return target is null ? null : TryPeel(target);
        }
        catch (LibGit2SharpException)
        {
            // A dangling symbolic ref (an unborn branch) has no commits to scan.
            return null;
        }
    }
}
