using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// Scans commits blob-first through libgit2, in three phases that each use every core: (1) each
/// commit's tree is compared with its first parent's (no content diff) to list the blobs it
/// introduces; (2) every introduced blob is read and scanned once, in pack order so libgit2
/// resolves deltas from its cache; (3) a detection is attributed to a commit only if the blob it
/// replaced did not already hold it. Serves ranges, where only dozens of objects are wanted;
/// whole histories go through <see cref="PackHistorySource"/>. Each worker has its own
/// repository handle (libgit2 handles are not shared between threads).
/// </summary>
internal sealed class GitHistorySource(TextScanner scanner, string repositoryPath, int parallelism)
{
    private const int BlobsPerChunk = 64;

    private static readonly CompareOptions TreeOnly = new() { Similarity = SimilarityOptions.None, IncludeUnmodified = false };

    public IReadOnlyList<Leak> Scan(IReadOnlyList<ObjectId> commits, CancellationToken cancellationToken)
    {
        scanner.Counters.CommitsTotal = commits.Count;
        var detections = new BlobDetections(scanner, repositoryPath);
        var introduced = new IntroducedBlobs(scanner.Counters);

        var changes = new BlobChange[commits.Count][];
        RunWorkers(commits.Count, (repository, i) =>
        {
            changes[i] = [.. Changes(repository, Lookup(repository, commits[i]), introduced)];
            scanner.Counters.CommitDone();
        }, cancellationToken);

        var pathsByBlob = IntroducedBlobPaths.Of(changes);
        var ordered = PackOrder.Sort(repositoryPath, pathsByBlob.Keys);
        var chunks = (ordered.Count + BlobsPerChunk - 1) / BlobsPerChunk;
        RunWorkers(chunks, (repository, chunk) =>
        {
            foreach (var blob in ordered.Skip(chunk * BlobsPerChunk).Take(BlobsPerChunk))
            {
                foreach (var path in pathsByBlob[blob])
                {
                    detections.Get(repository, blob, path);
                }
            }
        }, cancellationToken);

        var results = new List<Leak>[commits.Count];
        RunWorkers(commits.Count, (repository, i) => results[i] = [.. IntroducedBlobPaths.Attribute(commits[i].Sha, changes[i], (blob, path) => detections.Get(repository, blob, path))], cancellationToken);
        return [.. results.SelectMany(list => list)];
    }

    private void RunWorkers(int count, Action<Repository, int> work, CancellationToken cancellationToken) =>
        ParallelWork.ForEach(count, parallelism, () => new Repository(repositoryPath), work, cancellationToken);

    private Commit Lookup(Repository repository, ObjectId id) =>
        repository.Lookup<Commit>(id) ?? throw new InputException(repositoryPath, $"commit {id.Sha} is missing from the object database");

    private IEnumerable<BlobChange> Changes(Repository repository, Commit commit, IntroducedBlobs introduced)
    {
        var parents = commit.Parents.ToArray();
        TreeChanges changes;
        try
        {
            changes = repository.Diff.Compare<TreeChanges>(parents.Length == 0 ? null : parents[0].Tree, commit.Tree, TreeOnly);
        }
        catch (LibGit2SharpException e)
        {
            throw new InputException(repositoryPath, $"commit {commit.Sha} cannot be compared with its parent: {GitErrors.OneLine(e.Message)}", e);
        }

        using (changes)
        {
            var list = changes
                .Select(c => new TreeChange(c.Status, c.Path, c.Mode, c.Oid, c.OldPath, c.OldMode, c.OldOid))
                .ToList();
            return [.. introduced.From(list, parents.Length, (i, path) => parents[i][path] is { TargetType: TreeEntryTargetType.Blob } entry ? entry.Target.Id : null)];
        }
    }
}
