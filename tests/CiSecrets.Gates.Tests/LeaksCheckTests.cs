using CiSecrets.Scanning.Rules;
using CiSecrets.Testing;

namespace CiSecrets.Gates.Tests;

public sealed class LeaksCheckTests
{
    private static string AwsLine(int variant) => $"aws_access_key_id = {Sample.Token("AKIA", 16, Sample.Base32, variant)}\n";

    [Fact(Timeout = 120_000)]
    public async Task In_a_pull_request_workflow_the_leaks_check_reports_only_the_leak_inside_the_pull_request_range()
    {
        // Arrange: a leak already on main (not this pull request's business), then a branch adding one.
        using var repository = SecretsRepository.Fixed();
        repository.Git.Write("legacy/old.ini", AwsLine(1)).Commit("old leak on main");
        var @base = repository.Git.Write("docs/notes.txt", "notes\n").Commit("base of the pull request");
        repository.Git.Git("checkout", "-q", "-b", "feature/payments");
        var head = repository.Git.Write("app/new.ini", AwsLine(2)).Commit("new leak in the pull request");
        using var runner = new TempDirectory("cisecrets-runner");
        var payload = runner.Combine("event.json");
        // The shape GitHub writes for pull_request (https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request), trimmed.
        await File.WriteAllTextAsync(payload, $$"""
            {
              "action": "synchronize",
              "number": 42,
              "pull_request": {
                "number": 42,
                "state": "open",
                "title": "Payments",
                "head": { "label": "acme:feature/payments", "ref": "feature/payments", "sha": "{{head}}" },
                "base": { "label": "acme:main", "ref": "main", "sha": "{{@base}}" }
              },
              "repository": { "full_name": "acme/service", "default_branch": "main" },
              "sender": { "login": "octocat" }
            }
            """, TestContext.Current.CancellationToken);
        var environment = repository.Environment();
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_EVENT_NAME"] = "pull_request";
        environment["GITHUB_EVENT_PATH"] = payload;

        // Act
        var pullRequest = await GateRun.PhaseAsync(repository, "pre-merge", environment);
        var laptop = await GateRun.PhaseAsync(repository, "pre-merge");

        // Assert
        var leaks = pullRequest.Result("leaks");
        Assert.Equal(CheckStatus.Fail, leaks.Status);
        Assert.Equal($"1 leak(s) in {@base}..{head}: aws-access-token in app/new.ini:1 (commit {head[..7]})", leaks.Detail);
        Assert.Equal(CheckStatus.Fail, pullRequest.Status);

        var history = laptop.Result("leaks");
        Assert.StartsWith("2 leak(s) in the whole history: ", history.Detail, StringComparison.Ordinal);
        Assert.Contains("legacy/old.ini:1", history.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Sample.Token("AKIA", 16, Sample.Base32, 2), leaks.Detail + history.Detail, StringComparison.Ordinal);
    }
}
