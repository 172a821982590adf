using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>Which commits a history or range scan visits.</summary>
internal static class CommitSelection
{
    /// <summary>
    /// Every commit reachable from any ref (branches, tags, remote-tracking refs, stashes, notes
    /// excluded only when they are not commits) and from a detached HEAD. A ref whose object
    /// cannot be read fails the scan: skipping it would report a damaged history as clean.
    /// </summary>
    public static IReadOnlyList<ObjectId> All(Repository repository)
    {
        var repositoryPath = repository.Info.Path;
        var tips = repository.Refs
            .Select(reference => PeelReadable(reference, repositoryPath))
            .Append(repository.Info.IsHeadUnborn ? null : PeelReadable(repository.Refs.Head, repositoryPath))
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

    /// <summary>
    /// The commit a ref leads to; null for a dangling symbolic ref (an unborn branch) or a ref to
    /// something other than a commit. Throws when the object it names is missing or unreadable.
    /// </summary>
    private static Commit? PeelReadable(Reference reference, string repositoryPath)
    {
        DirectReference? direct;
        try
        {
            direct = reference.ResolveToDirectReference();
        }
        catch (LibGit2SharpException)
        {
            return null;
        }

        if (direct is null)
        {
            return null;
        }

        var name = reference.CanonicalName;
        GitObject? target;
        try
        {
            target = direct.Target;
        }
        catch (LibGit2SharpException e)
        {
            throw new InputException(repositoryPath, $"{name} points at {direct.TargetIdentifier}, which cannot be read: {GitErrors.OneLine(e.Message)}", e);
        }

        if (target is null)
        {
            throw new InputException(repositoryPath, $"{name} points at {direct.TargetIdentifier}, which is missing from the object database");
        }

        if (target is TagAnnotation tag)
        {
            try
            {
                return tag.Target is null
                    ? throw new InputException(repositoryPath, $"{name} is a tag whose target is missing from the object database")
                    : TryPeel(target);
            }
            catch (LibGit2SharpException e)
            {
                throw new InputException(repositoryPath, $"{name} is a tag whose target cannot be read: {GitErrors.OneLine(e.Message)}", e);
            }
        }

        return target as Commit;
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
