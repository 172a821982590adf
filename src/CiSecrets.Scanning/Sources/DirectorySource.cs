namespace CiSecrets.Scanning.Sources;

/// <summary>
/// A plain folder or a build artifact, files as they are on disk. Symbolic links are not
/// followed (they are reported as skipped), nor are <c>.git</c> folders.
/// </summary>
internal sealed class DirectorySource(TextScanner scanner, int parallelism)
{
    public IReadOnlyList<Leak> Scan(string root, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(root);
        if (File.Exists(full))
        {
            return [.. ScanFile(new FileInfo(full), Path.GetFileName(full))];
        }

        if (!Directory.Exists(full))
        {
            throw new InputException(root, "no such file or directory");
        }

        var files = Enumerate(new DirectoryInfo(full), full).ToList();
        scanner.Counters.CommitsTotal = 0;
        var results = new List<Leak>[files.Count];
        Parallel.For(
            0,
            files.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            i => results[i] = [.. ScanFile(files[i].File, files[i].Relative)]);
        return [.. results.SelectMany(list => list)];
    }

    private IEnumerable<Leak> ScanFile(FileInfo file, string relative)
    {
        try
        {
            return scanner.Scan(relative, file.Length, file.OpenRead).Select(d => new Leak(d, relative, ""));
        }
        catch (IOException e)
        {
            throw new InputException(relative, $"cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException(relative, "cannot be read: permission denied", e);
        }
    }

    private IEnumerable<(FileInfo File, string Relative)> Enumerate(DirectoryInfo directory, string root)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is not null)
            {
                scanner.Counters.Skipped(SkipReason.Symlink, relative);
            }
            else if (entry is DirectoryInfo child)
            {
                if (child.Name != ".git")
                {
                    foreach (var file in Enumerate(child, root))
                    {
                        yield return file;
                    }
                }
            }
            else if (entry is FileInfo file)
            {
                yield return (file, relative);
            }
        }
    }
}
