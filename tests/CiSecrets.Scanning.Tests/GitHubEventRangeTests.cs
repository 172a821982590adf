using CiSecrets.Scanning.Sources;
using CiSecrets.Testing;
using LibGit2Sharp;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// Range detection from real webhook payload files (EventPayloads/*.json, with the commit shas
/// of a repository built in the test filled in) against real git repositories and clones.
/// </summary>
public sealed class GitHubEventRangeTests : IDisposable
{
    private const string NullSha = "0000000000000000000000000000000000000000";
    private readonly TempDirectory _payloads = new("cisecrets-event");

    [Fact]
    public void Pull_request_scans_base_sha_to_head_sha()
    {
        // Arrange
        using var repository = new TempGitRepository();
        var @base = repository.Write("a.txt", "one").Commit("base");
        repository.Git("checkout", "-q", "-b", "feature/billing");
        var first = repository.Write("b.txt", "two").Commit("feature 1");
        var second = repository.Write("c.txt", "three").Commit("feature 2");
        repository.Git("checkout", "-q", "main");
        repository.Write("d.txt", "four").Commit("main moved on");
        var environment = Event("pull_request", "pull_request.json", ("{{BASE}}", @base), ("{{HEAD}}", second));

        // Act
        var scope = GitHubEventRange.Detect(environment, repository.Path);

        // Assert
        Assert.Equal(ScanTarget.Range, scope.Target);
        Assert.Equal(new[] { @base }, scope.Commits!.Excluded);
        Assert.Equal([first, second], CommitsOf(repository.Path, scope));
    }

    [Fact]
    public void Pull_request_target_reads_the_same_fields()
    {
        using var repository = new TempGitRepository();
        var @base = repository.Write("a.txt", "one").Commit("base");
        var head = repository.Write("b.txt", "two").Commit("head");
        var environment = Event("pull_request_target", "pull_request.json", ("{{BASE}}", @base), ("{{HEAD}}", head));

        var scope = GitHubEventRange.Detect(environment, repository.Path);

        Assert.Equal([head], CommitsOf(repository.Path, scope));
    }

    [Fact]
    public void Push_scans_before_to_after()
    {
        using var repository = new TempGitRepository();
        repository.Write("a.txt", "one").Commit("old");
        var before = repository.Write("b.txt", "two").Commit("before");
        var first = repository.Write("c.txt", "three").Commit("pushed 1");
        var after = repository.Write("d.txt", "four").Commit("pushed 2");
        var environment = Event("push", "push.json", ("{{BEFORE}}", before), ("{{AFTER}}", after));

        var scope = GitHubEventRange.Detect(environment, repository.Path);

        Assert.Equal($"{before}..{after}", scope.Commits!.ToString());
        Assert.Equal([first, after], CommitsOf(repository.Path, scope));
    }

    [Fact]
    public void First_push_of_a_branch_scans_only_commits_no_other_branch_reaches()
    {
        // Arrange: the clone actions/checkout makes with fetch-depth 0 (remote-tracking refs for
        // every branch), of an origin where feature/billing was just created from main.
        using var origin = new TempGitRepository();
        origin.Write("a.txt", "one").Commit("main 1");
        origin.Write("b.txt", "two").Commit("main 2");
        origin.Git("checkout", "-q", "-b", "feature/billing");
        var first = origin.Write("c.txt", "three").Commit("feature 1");
        var after = origin.Write("d.txt", "four").Commit("feature 2");
        using var clone = Clone(origin, "feature/billing");
        var environment = Event("push", "push-first.json", ("{{AFTER}}", after));

        // Act
        var scope = GitHubEventRange.Detect(environment, clone.Path);

        // Assert
        Assert.Contains("first push of refs/heads/feature/billing", scope.Description, StringComparison.Ordinal);
        Assert.Equal([first, after], CommitsOf(clone.Path, scope));
    }

    [Fact]
    public void First_push_of_a_branch_made_from_main_without_new_commits_scans_nothing()
    {
        using var origin = new TempGitRepository();
        var tip = origin.Write("a.txt", "one").Commit("main 1");
        origin.Git("branch", "feature/billing");
        using var clone = Clone(origin, "feature/billing");
        var environment = Event("push", "push-first.json", ("{{AFTER}}", tip));

        var scope = GitHubEventRange.Detect(environment, clone.Path);

        Assert.Empty(CommitsOf(clone.Path, scope));
    }

    [Fact]
    public void First_push_in_a_clone_with_no_other_branch_scans_every_commit_of_after()
    {
        using var repository = new TempGitRepository();
        var one = repository.Write("a.txt", "one").Commit("1");
        var two = repository.Write("b.txt", "two").Commit("2");
        repository.Git("branch", "-m", "main", "feature/billing");
        var environment = Event("push", "push-first.json", ("{{AFTER}}", two));

        var scope = GitHubEventRange.Detect(environment, repository.Path);

        Assert.Contains("no other branch", scope.Description, StringComparison.Ordinal);
        Assert.Equal([one, two], CommitsOf(repository.Path, scope));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void Force_push_scans_the_new_commits_not_a_range_from_the_discarded_tip(string forcedField)
    {
        // Arrange: feature/billing had "old 1" (before); it was rewritten onto a newer main as
        // "new 1" (after). before..after would list main's commits too, and forced may be false
        // when only the ancestry shows the rewrite, so both cases must give just "new 1".
        using var origin = new TempGitRepository();
        origin.Write("a.txt", "one").Commit("main 1");
        origin.Git("checkout", "-q", "-b", "feature/billing");
        var before = origin.Write("old.txt", "old").Commit("old 1");
        origin.Git("checkout", "-q", "main");
        origin.Write("b.txt", "two").Commit("main 2");
        origin.Write("e.txt", "five").Commit("main 3");
        origin.Git("checkout", "-q", "-B", "feature/billing", "main");
        var after = origin.Write("new.txt", "new").Commit("new 1");
        origin.Git("checkout", "-q", "main");
        using var clone = Clone(origin, "feature/billing");
        clone.Git("fetch", "-q", "origin", before);
        var environment = Event("push", "push-forced.json", ("{{BEFORE}}", before), ("{{AFTER}}", after), ("{{FORCED}}", forcedField));

        // Act
        var scope = GitHubEventRange.Detect(environment, clone.Path);

        // Assert
        Assert.Contains("refs/heads/feature/billing", scope.Description, StringComparison.Ordinal);
        Assert.Equal([after], CommitsOf(clone.Path, scope));
    }

    [Fact]
    public void Push_whose_before_is_missing_from_the_clone_is_treated_as_a_first_push()
    {
        using var origin = new TempGitRepository();
        origin.Write("a.txt", "one").Commit("main 1");
        origin.Git("checkout", "-q", "-b", "feature/billing");
        var after = origin.Write("new.txt", "new").Commit("new 1");
        using var clone = Clone(origin, "feature/billing");
        var environment = Event("push", "push-forced.json", ("{{BEFORE}}", "1234567890abcdef1234567890abcdef12345678"), ("{{AFTER}}", after), ("{{FORCED}}", "false"));

        var scope = GitHubEventRange.Detect(environment, clone.Path);

        Assert.Contains("not in this clone", scope.Description, StringComparison.Ordinal);
        Assert.Equal([after], CommitsOf(clone.Path, scope));
    }

    [Fact]
    public void Other_events_and_no_event_scan_the_whole_history()
    {
        using var repository = new TempGitRepository();
        repository.Write("a.txt", "one").Commit("1");

        var dispatch = GitHubEventRange.Detect(Event("workflow_dispatch", "workflow_dispatch.json"), repository.Path);
        var laptop = GitHubEventRange.Detect(new DictionaryEnvironment(new Dictionary<string, string>(), repository.Path, TestClock.Create()), repository.Path);

        Assert.Equal(ScanTarget.History, dispatch.Target);
        Assert.Null(dispatch.Commits);
        Assert.Contains("workflow_dispatch", dispatch.Description, StringComparison.Ordinal);
        Assert.Equal(ScanTarget.History, laptop.Target);
    }

    [Fact]
    public void A_malformed_or_missing_payload_is_an_input_error_naming_the_file()
    {
        using var repository = new TempGitRepository();
        repository.Write("a.txt", "one").Commit("1");
        var broken = _payloads.Combine("broken.json");
        File.WriteAllText(broken, "{ \"pull_request\": { \"base\": ");
        var incomplete = _payloads.Combine("incomplete.json");
        File.WriteAllText(incomplete, "{ \"pull_request\": { \"base\": { \"sha\": \"abc\" } } }");

        var malformed = Assert.Throws<InputException>(() => GitHubEventRange.Detect(Environment("pull_request", broken), repository.Path));
        var missingField = Assert.Throws<InputException>(() => GitHubEventRange.Detect(Environment("pull_request", incomplete), repository.Path));
        var missingFile = Assert.Throws<InputException>(() => GitHubEventRange.Detect(Environment("push", _payloads.Combine("absent.json")), repository.Path));

        Assert.Equal(broken, malformed.Subject);
        Assert.Contains("not valid JSON", malformed.Problem, StringComparison.Ordinal);
        Assert.Contains("pull_request.head.sha", missingField.Problem, StringComparison.Ordinal);
        Assert.Contains("not found", missingFile.Problem, StringComparison.Ordinal);
    }

    public void Dispose() => _payloads.Dispose();

    private static List<string> CommitsOf(string repositoryPath, EventScanScope scope)
    {
        using var repository = new Repository(repositoryPath);
        var ids = scope.Target == ScanTarget.Range ? CommitSelection.Range(repository, repositoryPath, scope.Commits!) : CommitSelection.All(repository);

        // Oldest first, as the test lists them.
        return [.. ids.Select(id => id.Sha).Reverse()];
    }

    private static TempGitRepository Clone(TempGitRepository origin, string branch)
    {
        var clone = new TempGitRepository();
        clone.Git("remote", "add", "origin", origin.Path);
        clone.Git("fetch", "-q", "origin");
        clone.Git("remote", "set-head", "origin", "main");
        clone.Git("checkout", "-q", "-B", branch, $"origin/{branch}");
        return clone;
    }

    /// <summary>A runner's environment for <paramref name="eventName"/> with a copy of the payload file, shas filled in.</summary>
    private DictionaryEnvironment Event(string eventName, string payloadFile, params (string Placeholder, string Value)[] values)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EventPayloads", payloadFile));
        foreach (var (placeholder, value) in values)
        {
            text = text.Replace(placeholder, value, StringComparison.Ordinal);
        }

        var path = _payloads.Combine(Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, text);
        return Environment(eventName, path);
    }

    private DictionaryEnvironment Environment(string eventName, string payloadPath) => new(
        new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = eventName,
            ["GITHUB_EVENT_PATH"] = payloadPath,
        },
        _payloads.Path,
        TestClock.Create());
}
