namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// Where a repository keeps its objects. A linked worktree's git directory
/// (<c>.git/worktrees/NAME</c>) holds only its own HEAD and index; its <c>commondir</c> file names
/// the directory whose <c>objects</c> every worktree shares (https://git-scm.com/docs/gitrepository-layout).
/// </summary>
internal static class ObjectsDirectory
{
    public static string Of(string gitDirectory)
    {
        var commonDirFile = Path.Combine(gitDirectory, "commondir");
        var common = File.Exists(commonDirFile)
            ? Path.GetFullPath(Path.Combine(gitDirectory, File.ReadAllText(commonDirFile).Trim()))
            : gitDirectory;
        return Path.Combine(common, "objects");
    }

    /// <summary>The pack indexes in an objects directory, in a stable order.</summary>
    public static string[] PackIndexes(string objectsDirectory)
    {
        var packDirectory = Path.Combine(objectsDirectory, "pack");
        var indexes = Directory.Exists(packDirectory) ? Directory.GetFiles(packDirectory, "*.idx") : [];
        Array.Sort(indexes, StringComparer.Ordinal);
        return indexes;
    }
}
