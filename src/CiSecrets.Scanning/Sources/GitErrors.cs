using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>Turns libgit2's exceptions into one-line input errors that name the repository and what is wrong.</summary>
internal static class GitErrors
{
    public static Repository Open(string path)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw new InputException(path, "no such file or directory");
        }

        var discovered = Repository.Discover(Path.GetFullPath(path));
        if (discovered is null)
        {
            throw new InputException(path, "not a git repository (scan it as a plain folder with --no-git)");
        }

        try
        {
            return new Repository(discovered);
        }
        catch (LibGit2SharpException e)
        {
            throw new InputException(path, $"cannot open the git repository: {OneLine(e.Message)}", e);
        }
    }

    public static InputException UnreadableObject(string repository, ObjectId id, string path, Exception e) =>
        new(repository, $"git object {id.Sha} ({path}) is corrupt or missing: {OneLine(e.Message)}", e);

    public static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
