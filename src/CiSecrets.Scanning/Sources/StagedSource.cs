using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// What <c>git commit</c> would record: the index compared with HEAD. Only lines the index adds
/// are reported (a pre-commit hook must not fail on what is already committed).
/// </summary>
internal sealed class StagedSource(TextScanner scanner, string repositoryPath)
{
    private static readonly CompareOptions TreeOnly = new() { Similarity = SimilarityOptions.None };

    public IReadOnlyList<Leak> Scan(Repository repository)
    {
        var detections = new BlobDetections(scanner, repositoryPath);
        using var changes = repository.Diff.Compare<TreeChanges>(HeadTree(repository), DiffTargets.Index, null, null, TreeOnly);
        var leaks = new List<Leak>();
        foreach (var entry in changes)
        {
            if (entry.Status is not (ChangeKind.Added or ChangeKind.Modified or ChangeKind.TypeChanged)
                || entry.Mode is not (Mode.NonExecutableFile or Mode.ExecutableFile or Mode.NonExecutableGroupWritableFile))
            {
                continue;
            }

            var current = detections.Get(repository, entry.Oid, entry.Path);
            if (current.Count == 0)
            {
                continue;
            }

            var previous = entry.Status == ChangeKind.Added || entry.OldOid == ObjectId.Zero
                ? []
                : new[] { detections.Get(repository, entry.OldOid, entry.OldPath) };
            leaks.AddRange(Attribution.Added(current, previous).Select(d => new Leak(d, entry.Path, "")));
        }

        return leaks;
    }

    /// <summary>HEAD's tree, null before the first commit; a HEAD that cannot be read fails the scan rather than making every staged line look new (or crashing libgit2's diff).</summary>
    private Tree? HeadTree(Repository repository)
    {
        if (repository.Info.IsHeadUnborn)
        {
            return null;
        }

        var head = repository.Head.Tip
            ?? throw new InputException(repositoryPath, $"HEAD points at {repository.Refs.Head.ResolveToDirectReference()?.TargetIdentifier ?? "nothing"}, which is missing from the object database");
        var treeId = head.Tree.Id;
        return repository.Lookup<Tree>(treeId)
            ?? throw new InputException(repositoryPath, $"the tree {treeId.Sha} of HEAD's commit {head.Sha} is missing from the object database");
    }
}
