using CiSecrets.Inventory;
using LibGit2Sharp;

namespace CiSecrets.Rotation.Git;

/// <summary>
/// The bundles and the rotation log as they are at a commit, written to a private temporary folder
/// so the inventory and SOPS code read them like a checkout. The files are the encrypted bundles
/// (never plaintext); the folder is removed on dispose.
/// </summary>
internal sealed class Snapshot : IDisposable
{
    private Snapshot(string root) => Root = root;

    public string Root { get; }

    public static Snapshot Of(Commit commit, SecretsInventory inventory)
    {
        var root = Path.Combine(Path.GetTempPath(), $"cisecrets-rotate-{Guid.NewGuid():N}");
        var snapshot = new Snapshot(root);
        try
        {
            Directory.CreateDirectory(root);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            foreach (var file in inventory.Bundles.Append(RotationLog.FileName))
            {
                var text = RotationCommits.ReadText(commit, file);
                if (text is null)
                {
                    if (file == RotationLog.FileName)
                    {
                        continue;
                    }

                    throw new InputException(file, $"the bundle is not in commit {commit.Sha[..12]} (the branch the rotation builds on)");
                }

                var target = Path.Combine(root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, text);
            }

            return snapshot;
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
