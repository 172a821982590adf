using System.Text;
using LibGit2Sharp;

namespace CiSecrets.Rotation.Git;

/// <summary>
/// Builds the rotation commit in the object database, on top of a given commit, without touching the
/// working tree or the index: a failure later (push, pull request) leaves the checkout exactly as it
/// was. Also reads files at a commit and tells our rotation commits from anyone else's.
/// </summary>
internal sealed class RotationCommits(Repository repository)
{
    /// <summary>The trailer every rotation commit carries; a branch whose own commits all have it is ours to add to.</summary>
    public const string Trailer = "CiSecrets-Rotation:";

    public Commit Lookup(string sha) =>
        repository.Lookup<Commit>(sha) ?? throw new RotationException(sha, "the commit is not in the local repository after fetching");

    /// <summary>The UTF-8 text of a file at a commit, or null when the commit has no such file.</summary>
    public static string? ReadText(Commit commit, string relativePath)
    {
        var entry = commit[relativePath.Replace('\\', '/')];
        if (entry?.Target is not Blob blob)
        {
            return null;
        }

        // The raw blob, without checkout filters: the bytes the bundle's MAC and spans refer to.
        using var reader = new StreamReader(blob.GetContentStream(), new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    /// <summary>One commit with the given files replaced, parented on <paramref name="parent"/>.</summary>
    public Commit Create(Commit parent, IReadOnlyDictionary<string, string> files, string message, Signature author)
    {
        var tree = TreeDefinition.From(parent.Tree);
        foreach (var (path, text) in files)
        {
            var normalized = path.Replace('\\', '/');
            var mode = parent[normalized]?.Mode ?? Mode.NonExecutableFile;
            using var content = new MemoryStream(new UTF8Encoding(false).GetBytes(text));
            var blob = repository.ObjectDatabase.CreateBlob(content, normalized);
            tree.Add(normalized, blob, mode);
        }

        var newTree = repository.ObjectDatabase.CreateTree(tree);
        return repository.ObjectDatabase.CreateCommit(author, author, message, newTree, [parent], prettifyMessage: false);
    }

    /// <summary>
    /// The commits on <paramref name="tip"/> that <paramref name="baseTip"/> does not have and that are
    /// not rotation commits: anything here means the branch is someone else's work.
    /// </summary>
    public IReadOnlyList<Commit> ForeignCommits(Commit tip, Commit baseTip) =>
        [.. repository.Commits
            .QueryBy(new CommitFilter { IncludeReachableFrom = tip, ExcludeReachableFrom = baseTip })
            .Where(c => !c.Message.Split('\n').Any(line => line.StartsWith(Trailer, StringComparison.Ordinal)))];

    /// <summary>Points the local branch at <paramref name="commit"/>; returns the previous target so a failure can put it back.</summary>
    public string? SetLocalBranch(string branch, Commit commit)
    {
        var name = $"refs/heads/{branch}";
        if (repository.Head.CanonicalName == name)
        {
            throw new RotationException(branch, "the rotation branch is checked out here; switch to the default branch and run again");
        }

        var previous = repository.Refs[name]?.TargetIdentifier;
        repository.Refs.Add(name, commit.Id, "cisecrets rotate", allowOverwrite: true);
        return previous;
    }

    /// <summary>Restores the local branch to what it was before (or removes it when it did not exist).</summary>
    public void RestoreLocalBranch(string branch, string? previous)
    {
        var name = $"refs/heads/{branch}";
        if (previous is null)
        {
            if (repository.Refs[name] is not null)
            {
                repository.Refs.Remove(name);
            }
        }
        else
        {
            repository.Refs.Add(name, new ObjectId(previous), "cisecrets rotate: restored after a failure", allowOverwrite: true);
        }
    }

    /// <summary>The secret names the rotation commits between <paramref name="baseTip"/> and <paramref name="tip"/> list.</summary>
    public HashSet<string> RotatedOnBranch(Commit tip, Commit baseTip) =>
        [.. repository.Commits
            .QueryBy(new CommitFilter { IncludeReachableFrom = tip, ExcludeReachableFrom = baseTip })
            .SelectMany(c => RotationMessages.RotatedNames(c.Message))];
}
