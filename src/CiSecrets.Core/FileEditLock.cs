using System.Security.Cryptography;
using System.Text;

namespace CiSecrets;

/// <summary>
/// An advisory lock held for one read-modify-write of a file, so two edits of the same file at once
/// (two <c>sops set</c>) both land instead of one silently overwriting the other. The lock is a file in the
/// temporary folder named after the edited file's real path, held open with <see cref="FileShare.None"/>
/// (an exclusive <c>flock</c> on Unix); nothing is left beside the edited file.
/// </summary>
public sealed class FileEditLock : IDisposable
{
    private readonly FileStream _stream;

    private FileEditLock(FileStream stream) => _stream = stream;

    /// <summary>Waits for the lock on <paramref name="path"/> (links resolved), up to <paramref name="attempts"/> tries <paramref name="pause"/> apart.</summary>
    public static async Task<FileEditLock> AcquireAsync(string path, CancellationToken cancellationToken, int attempts = 600, TimeSpan? pause = null)
    {
        var target = AtomicFile.ResolveLinks(Path.GetFullPath(path));
        var folder = Path.Combine(Path.GetTempPath(), $"cisecrets-locks-{Environment.UserName}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(target)))[..32] + ".lock";
        var lockPath = Path.Combine(folder, name);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileEditLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (attempt < attempts)
            {
                await Task.Delay(pause ?? TimeSpan.FromMilliseconds(50), cancellationToken);
            }
            catch (IOException)
            {
                throw new InputException(path, "another process is still editing this file (its edit lock was not released)");
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
