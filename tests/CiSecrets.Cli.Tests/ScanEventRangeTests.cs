using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.TestSecrets;

namespace CiSecrets.Cli.Tests;

/// <summary><c>scan --range auto</c>: the range comes from the workflow event payload, as the action passes it.</summary>
public sealed class ScanEventRangeTests
{
    [Fact(Timeout = 120_000)]
    public async Task Range_auto_on_a_pull_request_reports_only_the_leak_in_the_pull_requests_commits()
    {
        // Arrange: one leak already on main (not this PR's business), one added by the PR.
        using var repo = new TempGitRepository();
        repo.Write("old.ini", AwsLine(1)).Commit("old leak");
        var @base = repo.Write("readme.txt", "hello").Commit("base");
        repo.Git("checkout", "-q", "-b", "feature");
        var head = repo.Write("new.ini", AwsLine(2)).Commit("new leak");
        using var runner = new TempDirectory("cisecrets-runner");
        var payload = runner.Combine("event.json");
        File.WriteAllText(payload, $$"""{ "number": 7, "pull_request": { "base": { "sha": "{{@base}}" }, "head": { "sha": "{{head}}" } } }""");
        var environment = new Dictionary<string, string> { ["GITHUB_EVENT_NAME"] = "pull_request", ["GITHUB_EVENT_PATH"] = payload };

        // Act
        var run = await CliRunner.RunAsync(repo.Path, environment, "scan", ".", "--range", "auto", "--format", "json");

        // Assert
        Assert.Equal(1, run.ExitCode);
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal("new.ini", finding.Field("path"));
        Assert.Equal(head, finding.Field("commit"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Range_auto_with_a_payload_that_is_not_json_exits_2_naming_the_file()
    {
        using var repo = new TempGitRepository();
        repo.Write("readme.txt", "hello").Commit("base");
        using var runner = new TempDirectory("cisecrets-runner");
        var payload = runner.Combine("event.json");
        File.WriteAllText(payload, "{ not json");
        var environment = new Dictionary<string, string> { ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_EVENT_PATH"] = payload };

        var run = await CliRunner.RunAsync(repo.Path, environment, "scan", ".", "--range", "auto");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"cisecrets: {payload}: event payload is not valid JSON", run.Error, StringComparison.Ordinal);
    }
}
