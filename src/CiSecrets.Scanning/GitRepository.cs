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
}
