using System.Collections.Concurrent;
using System.Text;
using CiSecrets.Scanning.Sources.Objects;
using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// Scans a whole history blob-first, reading the object store directly: (1) every tree in the
/// packs is rebuilt once (<see cref="PackWalk"/>) and kept as bytes; (2) each commit is compared
/// with its first parent from those bytes, skipping subtrees whose ids match, to list the blobs
/// it introduces; (3) the packs' blobs are rebuilt family by family and each introduced one is
/// scanned once, loose ones after; (4) a detection is attributed to a commit only if the blob it
/// replaced did not already hold it. On the 20,000-commit benchmark, libgit2's diffs and
/// one-object-at-a-time reads made the same scan two and a half times slower.
/// </summary>
internal sealed class PackHistorySource(TextScanner scanner, string repositoryPath, ObjectStore objects, int parallelism)
{
    private readonly record struct CommitNode(string Sha, GitOid Tree, GitOid[] ParentTrees);

    public IReadOnlyList<Leak> Scan(IReadOnlyList<ObjectId> commitIds, CancellationToken cancellationToken)
    {
        try
        {
            scanner.Counters.CommitsTotal = commitIds.Count;
            var commits = ReadCommits(commitIds, cancellationToken);
            var changes = Changes(commits, cancellationToken);

            // The trees (about a tenth of a gigabyte on the benchmark) are garbage from here on:
            // collecting them now keeps the blob phase's peak memory down.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

            var detections = ScanBlobs(IntroducedBlobPaths.Of(changes), cancellationToken);
            return [.. commits.SelectMany((commit, i) => IntroducedBlobPaths.Attribute(
                commit.Sha,
                changes[i],
                (blob, path) => detections.Get(blob, path, () => scanner.Scan(path, ReadBlob(GitOid.From(blob), path)))))];
        }
        catch (CorruptObjectException e)
        {
            throw new InputException(repositoryPath, e.Message, e);
        }
    }

    /// <summary>Each commit's tree and its parents' trees, from libgit2, which also honours a shallow clone's grafts.</summary>
    private CommitNode[] ReadCommits(IReadOnlyList<ObjectId> ids, CancellationToken cancellationToken)
    {
        var commits = new CommitNode[ids.Count];
        ParallelWork.ForEach(ids.Count, parallelism, () => new Repository(repositoryPath), (repository, i) =>
        {
            var commit = repository.Lookup<Commit>(ids[i]) ?? throw new InputException(repositoryPath, $"commit {ids[i].Sha} is missing from the object database");
            commits[i] = new CommitNode(commit.Sha, GitOid.From(commit.Tree.Id), [.. commit.Parents.Select(parent => GitOid.From(parent.Tree.Id))]);
        }, cancellationToken);
        return commits;
    }

    private BlobChange[][] Changes(CommitNode[] commits, CancellationToken cancellationToken)
    {
        var trees = new TreeStore();
        objects.ReadPacked(GitObjectType.Tree, _ => true, trees.Add, parallelism, cancellationToken);
        RawTree Tree(GitOid id)
        {
            if (!trees.TryGet(id, out var tree))
            {
                trees.Add(id, Read(id, GitObjectType.Tree));
                trees.TryGet(id, out tree);
            }

            return tree;
        }

        var diff = new TreeDiff(Tree);
        var introduced = new IntroducedBlobs(scanner.Counters);
        var changes = new BlobChange[commits.Length][];
        ParallelWork.ForEach(commits.Length, parallelism, i =>
        {
            var commit = commits[i];
            try
            {
                var treeChanges = diff.Compare(commit.ParentTrees.Length == 0 ? null : commit.ParentTrees[0], commit.Tree);
                changes[i] = [.. introduced.From(treeChanges, commit.ParentTrees.Length, (parent, path) => BlobAt(Tree, commit.ParentTrees[parent], path))];
            }
            catch (FormatException e)
            {
                throw new InputException(repositoryPath, $"commit {commit.Sha} has a malformed tree: {e.Message}", e);
            }

            scanner.Counters.CommitDone();
        }, cancellationToken);
        return changes;
    }

    /// <summary>Scans each introduced blob once under each of its paths: the packs' family by family, then the loose ones.</summary>
    private BlobDetections ScanBlobs(Dictionary<ObjectId, List<string>> pathsByBlob, CancellationToken cancellationToken)
    {
        var wanted = pathsByBlob.Keys.ToDictionary(GitOid.From);
        var detections = new BlobDetections(scanner, repositoryPath);
        var scanned = new ConcurrentDictionary<GitOid, bool>();
        void ScanBlob(GitOid blob, ReadOnlySpan<byte> content)
        {
            if (!scanned.TryAdd(blob, true))
            {
                return;
            }

            var id = wanted[blob];
            foreach (var path in pathsByBlob[id])
            {
                detections.Add(id, path, scanner.Scan(path, content));
            }
        }

        // Over the size limit: skipped (and counted) from the size in the object's header, unread.
        void SkipBlob(GitOid blob, long size)
        {
            if (!scanned.TryAdd(blob, true))
            {
                return;
            }

            var id = wanted[blob];
            foreach (var path in pathsByBlob[id])
            {
                scanner.ShouldRead(path, size);
                detections.Add(id, path, []);
            }
        }

        objects.ReadPacked(GitObjectType.Blob, wanted.ContainsKey, ScanBlob, parallelism, cancellationToken, scanner.MaxFileSize, SkipBlob);
        var loose = wanted.Keys.Where(blob => !scanned.ContainsKey(blob)).ToList();
        ParallelWork.ForEach(loose.Count, parallelism, i =>
        {
            // A blob that is not there has no size: ReadBlob skips it in a partial clone and fails anywhere else.
            if (objects.LooseSize(loose[i], GitObjectType.Blob) is { } size && size > scanner.MaxFileSize)
            {
                SkipBlob(loose[i], size);
            }
            else
            {
                ScanBlob(loose[i], ReadBlob(loose[i], pathsByBlob[wanted[loose[i]]][0]));
            }
        }, cancellationToken);
        return detections;
    }

    /// <summary>The blob (file or symlink) at <paramref name="path"/> in a tree, or null.</summary>
    private static ObjectId? BlobAt(Func<GitOid, RawTree> trees, GitOid root, string path)
    {
        var tree = trees(root);
        var names = path.Split('/');
        for (var depth = 0; depth < names.Length; depth++)
        {
            var name = Encoding.UTF8.GetBytes(names[depth]);
            var current = tree;
            var entries = tree.Entries();
            var match = entries.FindIndex(entry => current.Name(entry).SequenceEqual(name));
            if (match < 0)
            {
                return null;
            }

            var found = entries[match];
            if (depth == names.Length - 1)
            {
                return found.IsTree || found.Mode == Mode.GitLink ? null : tree.Id(found).ToObjectId();
            }

            if (!found.IsTree)
            {
                return null;
            }

            tree = trees(tree.Id(found));
        }

        return null;
    }

    /// <summary>A blob's content; in a partial clone, a blob its filter left out reads as empty and is counted as skipped.</summary>
    private byte[] ReadBlob(GitOid id, string path)
    {
        if (objects.ReadLoose(id, GitObjectType.Blob) is { } content)
        {
            return content;
        }

        if (objects.IsPartialClone)
        {
            scanner.Counters.Skipped(SkipReason.NotInPartialClone, path);
            return [];
        }

        throw MissingObject(id, GitObjectType.Blob);
    }

    private byte[] Read(GitOid id, GitObjectType type) => objects.ReadLoose(id, type) ?? throw MissingObject(id, type);

    private static CorruptObjectException MissingObject(GitOid id, GitObjectType type) =>
        new(id.ToString(), $"no {(type == GitObjectType.Tree ? "tree" : "blob")} with this id is in the packs or loose objects");
}
