using LibGit2Sharp;

namespace CiSecrets.Scanning;

/// <summary>Questions about the repository a path is in, asked before a scan starts.</summary>
public static class GitRepository
{
    /// <summary>The working folder of the repository containing <paramref name="path"/>, or null outside any repository.</summary>
    public static string? FindRoot(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full) && !File.Exists(full))
        {
            return null;
        }

        var discovered = Repository.Discover(full);
        if (discovered is null)
        {
            return null;
        }

        using var repository = new Repository(discovered);
        return repository.Info.WorkingDirectory ?? repository.Info.Path;
    }

    /// <summary>
    /// The files in the index of the repository at <paramref name="root"/> (what <c>git ls-files</c> lists),
    /// relative to the root with forward slashes; submodule entries are left out.
    /// </summary>
    public static IReadOnlyList<string> TrackedFiles(string root)
    {
        using var repository = new Repository(root);
        return [.. repository.Index.Where(entry => entry.Mode != Mode.GitLink).Select(entry => entry.Path.Replace('\\', '/'))];
    }
}
