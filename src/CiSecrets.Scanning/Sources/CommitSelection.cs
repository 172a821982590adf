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
    /// The commits of a <see cref="CommitRange"/>: for <c>BASE..HEAD</c> what <c>git rev-list BASE..HEAD</c>
    /// lists (every parent followed, merged-in commits included).
    /// </summary>
    public static IReadOnlyList<ObjectId> Range(Repository repository, string repositoryPath, CommitRange range)
    {
        var head = Resolve(repository, repositoryPath, range.Head);
        var excluded = range.Excluded.Select(revision => Resolve(repository, repositoryPath, revision)).ToList();
        return [.. repository.Commits
            .QueryBy(new CommitFilter { IncludeReachableFrom = head, ExcludeReachableFrom = excluded, SortBy = CommitSortStrategies.Topological })
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

    internal static Commit? Peel(Reference reference)
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
