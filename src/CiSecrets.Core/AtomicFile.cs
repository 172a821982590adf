namespace CiSecrets;

/// <summary>
/// Writes a file so that a reader sees the old content or the new, never half of either:
/// the bytes go to a temporary file beside the target, which then replaces it by rename.
/// </summary>
public static class AtomicFile
{
    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAsync(path, content, ownerOnly: false, cancellationToken);

    /// <summary>
    /// Writes a file only its owner can read or write (mode 0600 on Unix, from the moment it exists), also
    /// when it replaces a file with a wider mode: for plaintext secrets that the user asked to have on disk.
    /// </summary>
    public static Task WriteOwnerOnlyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAsync(path, content, ownerOnly: true, cancellationToken);

    private static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, bool ownerOnly, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            // Created with the mode, not chmod-ed afterwards: no moment in which another user could open it.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (!ownerOnly && File.Exists(full) && !OperatingSystem.IsWindows())
            {
                // Keep the mode of the file being replaced (a 0600 secrets file must stay 0600).
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public static Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken) =>
        WriteAllBytesAsync(path, new System.Text.UTF8Encoding(false).GetBytes(content), cancellationToken);
}
