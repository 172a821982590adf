using CiSecrets.Inventory;
using CiSecrets.Sops.Age;
using LibGit2Sharp;

namespace CiSecrets.Rotation;

/// <summary>
/// <c>cisecrets rotate --local</c>: the same new values and rotation times as a pull-request rotation,
/// written into the working tree (each file atomically) for a person to review and commit. No commit,
/// no push, no pull request, no GitHub call. The inventory, the bundles and the rotation log are all
/// read from the working tree. A bundle with uncommitted changes is refused before anything is
/// written, so the rotation can always be undone with <c>git checkout</c> and never mixes with
/// someone's unfinished edit.
/// </summary>
public sealed class WorkingTreeRotator(string repositoryRoot, RotationSelection selection, IReadOnlyList<AgeIdentity> identities, DateTimeOffset now)
{
    public async Task<RotationResult> RunAsync(CancellationToken cancellationToken)
    {
        var inventory = SecretsInventory.Find(repositoryRoot)
            ?? throw new InputException(Path.Combine(repositoryRoot, SecretsInventory.FileName), "file not found; rotation needs the secrets inventory");
        // Everything is computed in memory first; the check and the writes come after.
        var changes = RotationChanges.Compute(inventory, repositoryRoot, selection, identities, now);
        RefuseUncommitted([.. changes.Rotated.Select(s => s.Bundle).Distinct(StringComparer.Ordinal)]);
        foreach (var (path, text) in changes.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await AtomicFile.WriteAllTextAsync(Path.Combine(repositoryRoot, path), text, cancellationToken);
        }

        return new RotationResult(changes.Plan, [.. changes.Rotated.Select(s => s.Name)], null, null, PullRequestOperation.None, [])
        {
            WrittenFiles = [.. changes.Files.Keys],
        };
    }

    /// <summary>Outside a git repository there is nothing to compare with; inside one, a modified, staged, untracked or ignored bundle is refused (a missing one is reported when it is read).</summary>
    private void RefuseUncommitted(IReadOnlyList<string> bundles)
    {
        if (Repository.Discover(repositoryRoot) is not { } gitDirectory)
        {
            return;
        }

        using var repository = new Repository(gitDirectory);
        var workdir = repository.Info.WorkingDirectory;
        foreach (var bundle in bundles)
        {
            var relative = Path.GetRelativePath(workdir, Path.GetFullPath(Path.Combine(repositoryRoot, bundle))).Replace('\\', '/');
            var status = repository.RetrieveStatus(relative);
            if (status is not (FileStatus.Unaltered or FileStatus.Nonexistent))
            {
                throw new InputException(bundle, $"has changes that are not committed ({status}); commit or discard them first, so the rotation can be reviewed and undone on its own");
            }
        }
    }
}
