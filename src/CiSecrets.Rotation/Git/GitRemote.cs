using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace CiSecrets.Rotation.Git;

/// <summary>
/// The repository's <c>origin</c> through LibGit2Sharp: what branches it has, fetching them, pushing
/// one branch (never forced) and deleting one we created. Over HTTPS the token goes as the password
/// of <c>x-access-token</c>, which is what GitHub accepts for <c>GITHUB_TOKEN</c>; libgit2 does not
/// read the <c>http.extraheader</c> that actions/checkout persists, so it has to be given here.
/// https://github.com/libgit2/libgit2sharp/blob/master/LibGit2Sharp/PushOptions.cs
/// </summary>
internal sealed class GitRemote(Repository repository, string remoteName, string? token)
{
    public string Name => remoteName;

    private Remote Remote => repository.Network.Remotes[remoteName]
        ?? throw new InputException(repository.Info.WorkingDirectory ?? repository.Info.Path, $"the repository has no remote named '{remoteName}'");

    /// <summary>The remote's branches (short names) and their tips, as <c>git ls-remote --heads</c> lists them.</summary>
    public IReadOnlyDictionary<string, string> Branches()
    {
        var references = Run("list the branches of", () => repository.Network.ListReferences(Remote, Credentials).ToList());
        return references
            .Where(r => r.CanonicalName.StartsWith("refs/heads/", StringComparison.Ordinal) && r.TargetIdentifier is not null)
            .ToDictionary(r => r.CanonicalName["refs/heads/".Length..], r => r.ResolveToDirectReference()?.TargetIdentifier ?? r.TargetIdentifier, StringComparer.Ordinal);
    }

    /// <summary>Fetches the named branches into <c>refs/remotes/origin/*</c> and returns their tips.</summary>
    public void Fetch(IEnumerable<string> branches)
    {
        var refspecs = branches.Select(b => $"+refs/heads/{b}:refs/remotes/{remoteName}/{b}").ToList();
        Run("fetch from", () =>
        {
            Commands.Fetch(repository, remoteName, refspecs, new FetchOptions { CredentialsProvider = Credentials, TagFetchMode = TagFetchMode.None }, null);
            return true;
        });
    }

    /// <summary>Pushes a local branch to the same name, fast-forward only: a rejected update is an error, never retried with force.</summary>
    public void Push(string branch) => PushRefspec($"refs/heads/{branch}:refs/heads/{branch}", $"push {branch} to");

    /// <summary>Deletes a remote branch (only ever one this run created).</summary>
    public void DeleteBranch(string branch) => PushRefspec($":refs/heads/{branch}", $"delete {branch} on");

    private void PushRefspec(string refspec, string what)
    {
        var rejections = new List<string>();
        var options = new PushOptions
        {
            CredentialsProvider = Credentials,
            // libgit2 reports a rejected ref only through this callback; unset, a rejected push looks like success.
            OnPushStatusError = error => rejections.Add($"{error.Reference}: {error.Message}"),
        };
        Run(what, () =>
        {
            repository.Network.Push(Remote, refspec, options);
            return true;
        });
        if (rejections.Count > 0)
        {
            throw new RotationException($"{remoteName}", $"could not {what} the remote: {string.Join("; ", rejections)}");
        }
    }

    /// <summary>Null without a token: a local path or an SSH agent needs none, and libgit2 must not be handed an empty one.</summary>
    private CredentialsHandler? Credentials => token is { Length: > 0 }
        ? (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = token }
        : null;

    private T Run<T>(string what, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (LibGit2SharpException e)
        {
            // libgit2 messages name the URL and the failure, never the credentials.
            throw new RotationException(remoteName, $"could not {what} the remote: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }
}
