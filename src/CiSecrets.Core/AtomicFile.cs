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
        // Through a link, not over it: replacing the link would leave the file it points to unchanged.
        var full = ResolveLinks(Path.GetFullPath(path));
        var directory = Path.GetDirectoryName(full) ?? ".";
        DeleteStaleTemporaryFiles(directory, Path.GetFileName(full));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TemporarySuffix}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            // Created with the mode, not chmod-ed afterwards: no moment in which another user could open it.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            var stream = new FileStream(temporary, options);
            await using (stream)
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
                if (!OperatingSystem.IsWindows())
                {
                    // Renamed while still held open (and so locked): a start-up clean-up never takes it for stale.
                    Replace(temporary, full, ownerOnly);
                }
            }

            if (OperatingSystem.IsWindows())
            {
                Replace(temporary, full, ownerOnly);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private const string TemporarySuffix = ".tmp";

    private static void Replace(string temporary, string full, bool ownerOnly)
    {
        if (!ownerOnly && File.Exists(full) && !OperatingSystem.IsWindows())
        {
            // Keep the mode of the file being replaced (a 0600 secrets file must stay 0600).
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>
    /// Deletes the temporary files an earlier write of <paramref name="name"/> left when it was killed (they can hold
    /// decrypted plaintext). One still being written is held open exclusively by its writer, so it cannot be opened here and is left alone.
    /// </summary>
    private static void DeleteStaleTemporaryFiles(string directory, string name)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, $".{name}.*{TemporarySuffix}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var candidate in candidates)
        {
            var middle = Path.GetFileName(candidate)[(name.Length + 2)..^TemporarySuffix.Length];
            if (middle.Length != 32 || !middle.All(char.IsAsciiHexDigitLower))
            {
                continue;
            }

            try
            {
                using var probe = new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                File.Delete(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use by a live writer, or not ours to delete.
            }
        }
    }

    /// <summary>The file a path finally names when it (or a link it points to) is a symbolic link; the path itself otherwise.</summary>
    public static string ResolveLinks(string fullPath)
    {
        var info = new FileInfo(fullPath);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : fullPath;
    }

    public static Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken) =>
        WriteAllBytesAsync(path, new System.Text.UTF8Encoding(false).GetBytes(content), cancellationToken);
}
