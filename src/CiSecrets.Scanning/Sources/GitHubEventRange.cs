using System.Text.Json;
using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// The commits a GitHub Actions event brought, read from <c>GITHUB_EVENT_NAME</c> and the
/// payload at <c>GITHUB_EVENT_PATH</c>
/// (https://docs.github.com/en/webhooks/webhook-events-and-payloads):
/// a pull request is <c>base.sha..head.sha</c>; a push is <c>before..after</c>, except that the
/// first push of a branch (<c>before</c> all zeros) and a force-push (<c>forced</c>, or
/// <c>before</c> missing or not an ancestor of <c>after</c>) scan the commits of <c>after</c> no
/// other branch reaches, because <c>before..after</c> would then be meaningless; any other
/// event scans the whole history.
/// </summary>
public static class GitHubEventRange
{
    private const string NullSha = "0000000000000000000000000000000000000000";

    public static EventScanScope Detect(IEnvironment environment, string repositoryPath)
    {
        var eventName = environment.GetVariable("GITHUB_EVENT_NAME");
        if (string.IsNullOrEmpty(eventName))
        {
            return History("not running for a GitHub Actions event (GITHUB_EVENT_NAME is unset)");
        }

        return eventName switch
        {
            "pull_request" or "pull_request_target" => PullRequest(eventName, ReadPayload(environment)),
            "push" => Push(ReadPayload(environment), environment.GetVariable("GITHUB_REF"), repositoryPath),
            _ => History($"the {eventName} event names no commit range"),
        };
    }

    private static EventScanScope PullRequest(string eventName, EventPayload payload)
    {
        var @base = payload.RequiredString("pull_request", "base", "sha");
        var head = payload.RequiredString("pull_request", "head", "sha");
        return new EventScanScope(ScanTarget.Range, new CommitRange(head, [@base]), $"{eventName}: {Short(@base)}..{Short(head)}");
    }

    private static EventScanScope Push(EventPayload payload, string? refFromEnvironment, string repositoryPath)
    {
        var after = payload.RequiredString("after");
        var before = payload.OptionalString("before") ?? NullSha;
        var pushedRef = payload.OptionalString("ref") ?? refFromEnvironment ?? "";
        if (after == NullSha)
        {
            return History($"push deleted {pushedRef}; no commits were pushed");
        }

        if (before == NullSha)
        {
            return NewCommits(repositoryPath, after, pushedRef, $"first push of {pushedRef}");
        }

        if (payload.OptionalBoolean("forced") == true)
        {
            return NewCommits(repositoryPath, after, pushedRef, $"force-push of {pushedRef}");
        }

        using var repository = GitErrors.Open(repositoryPath);
        var beforeCommit = repository.Lookup<Commit>(before);
        var afterCommit = repository.Lookup<Commit>(after);
        if (beforeCommit is null)
        {
            return NewCommits(repositoryPath, after, pushedRef, $"push of {pushedRef} whose previous tip {Short(before)} is not in this clone");
        }

        if (afterCommit is not null && repository.ObjectDatabase.FindMergeBase(beforeCommit, afterCommit)?.Id != beforeCommit.Id)
        {
            return NewCommits(repositoryPath, after, pushedRef, $"push of {pushedRef} that rewrote history ({Short(before)} is not an ancestor of {Short(after)})");
        }

        return new EventScanScope(ScanTarget.Range, new CommitRange(after, [before]), $"push: {Short(before)}..{Short(after)}");
    }

    /// <summary>
    /// The commits of <paramref name="after"/> that no other branch reaches (local or remote-tracking),
    /// as a pre-receive hook's <c>git rev-list NEW --not --branches</c>. Tags are not excluded: a tag
    /// pushed together with the branch would otherwise hide its commits from both scans.
    /// </summary>
    private static EventScanScope NewCommits(string repositoryPath, string after, string pushedRef, string why)
    {
        using var repository = GitErrors.Open(repositoryPath);
        var branch = pushedRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? pushedRef["refs/heads/".Length..] : null;
        var others = repository.Refs
            .Where(reference => reference.IsLocalBranch || reference.IsRemoteTrackingBranch)
            .Where(reference => !IsThePushedBranch(reference, branch))
            .Select(CommitSelection.Peel)
            .OfType<Commit>()
            .Select(commit => commit.Sha)
            .Distinct()
            .ToList();
        var scope = others.Count == 0 ? "every commit of it (no other branch in this clone)" : "its commits no other branch reaches";
        return new EventScanScope(ScanTarget.Range, new CommitRange(after, others), $"{why}: scanning {scope}");
    }

    private static bool IsThePushedBranch(Reference reference, string? branch)
    {
        if (branch is null)
        {
            return false;
        }

        var name = reference.CanonicalName;
        if (name == "refs/heads/" + branch)
        {
            return true;
        }

        // refs/remotes/<remote>/<branch>, and the remote's HEAD when it names the pushed branch.
        return name.StartsWith("refs/remotes/", StringComparison.Ordinal)
            && name["refs/remotes/".Length..] is var rest
            && rest.IndexOf('/', StringComparison.Ordinal) is var slash and > 0
            && rest[(slash + 1)..] == branch;
    }

    private static EventScanScope History(string why) => new(ScanTarget.History, null, $"{why}: scanning the whole history");

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static EventPayload ReadPayload(IEnvironment environment)
    {
        var path = environment.GetVariable("GITHUB_EVENT_PATH");
        if (string.IsNullOrEmpty(path))
        {
            throw new InputException("GITHUB_EVENT_PATH", "not set; the event payload is needed to find the commit range");
        }

        var full = Path.GetFullPath(path, environment.CurrentDirectory);
        if (!File.Exists(full))
        {
            throw new InputException(path, "event payload file not found");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(full));
            return new EventPayload(path, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new InputException(path, $"event payload is not valid JSON: {GitErrors.OneLine(e.Message)}", e);
        }
    }
}
