using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// Turns what a commit changed against its first parent into the blobs it introduces, each with
/// the blobs it replaced (the first parent's, other parents' at the same path for a merge, and
/// for a new path the files that vanished in the same commit, since a move adds nothing new).
/// Submodules and symlinks are counted as skipped, never read.
/// </summary>
internal sealed class IntroducedBlobs(ScanCounters counters)
{
    /// <param name="changes">The commit against its first parent (against nothing for a root commit).</param>
    /// <param name="parentCount">How many parents the commit has.</param>
    /// <param name="blobInParent">The blob at a path in parent <c>i</c> (from 1), or null.</param>
    public IEnumerable<BlobChange> From(IReadOnlyList<TreeChange> changes, int parentCount, Func<int, string, ObjectId?> blobInParent)
    {
        List<(string, ObjectId)>? deleted = null;
        foreach (var change in changes)
        {
            if (change.Status == ChangeKind.Deleted && IsFile(change.OldMode))
            {
                (deleted ??= []).Add((change.OldPath, change.OldId!));
            }
        }

        foreach (var change in changes)
        {
            if (change.Status is not (ChangeKind.Added or ChangeKind.Modified or ChangeKind.TypeChanged) || !IsScannable(change.Mode, change.Path))
            {
                continue;
            }

            var previous = new List<(string, ObjectId)>();
            if (change.Status != ChangeKind.Added && IsFile(change.OldMode))
            {
                previous.Add((change.OldPath, change.OldId!));
            }
            else if (deleted is not null)
            {
                previous.AddRange(deleted);
            }

            if (!FromOtherParents(parentCount, change.Path, change.Id!, previous, blobInParent))
            {
                yield return new BlobChange(change.Path, change.Id!, previous);
            }
        }
    }

    /// <summary>
    /// For a merge, adds what each other parent had at the path. True when some parent already had
    /// this exact blob there: then the merge only brought it over, and added nothing.
    /// </summary>
    private static bool FromOtherParents(int parentCount, string path, ObjectId blob, List<(string, ObjectId)> previous, Func<int, string, ObjectId?> blobInParent)
    {
        for (var i = 1; i < parentCount; i++)
        {
            var other = blobInParent(i, path);
            if (other is null)
            {
                continue;
            }

            if (other == blob)
            {
                return true;
            }

            previous.Add((path, other));
        }

        return false;
    }

    private bool IsScannable(Mode mode, string path)
    {
        switch (mode)
        {
            case Mode.GitLink:
                counters.Skipped(SkipReason.Submodule, path);
                return false;
            case Mode.SymbolicLink:
                counters.Skipped(SkipReason.Symlink, path);
                return false;
            default:
                return IsFile(mode);
        }
    }

    private static bool IsFile(Mode mode) =>
        mode is Mode.NonExecutableFile or Mode.ExecutableFile or Mode.NonExecutableGroupWritableFile;
}
