using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.TestSecrets;

namespace CiSecrets.Cli.Tests;

/// <summary>
/// A repository the scanner cannot read completely, or a rule that could not evaluate everything,
/// never passes: `scan` and `gate` exit 2 with one line naming what went wrong.
/// </summary>
public sealed class HostileRepositoryTests
{
    private static void DeleteLoose(TempGitRepository repo, string id) =>
        File.Delete(Path.Combine(repo.Path, ".git", "objects", id[..2], id[2..]));

    [Fact(Timeout = 120_000)]
    public async Task Scan_of_a_repository_whose_head_commit_is_deleted_exits_2_naming_the_commit()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("a.txt", "one\n").Commit("first");
        var head = repo.Write("b.txt", "two\n").Commit("second");
        DeleteLoose(repo, head);

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".");

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cisecrets: ", line, StringComparison.Ordinal);
        Assert.Contains(head, line, StringComparison.Ordinal);
        Assert.DoesNotContain("no commits", run.All, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_pre_merge_gate_on_a_repository_whose_head_commit_is_deleted_exits_2_naming_the_commit()
    {
        // Arrange
        using var repository = SecretsRepository.Fixed();
        var head = repository.Git.Head();
        DeleteLoose(repository.Git, head);

        // Act
        var run = await CliRunner.RunAsync(repository.Path, repository.Environment(), "gate", "pre-merge");

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(head, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("leaks pass", run.All, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Scan_with_a_custom_rule_that_times_out_exits_2_saying_the_scan_is_incomplete_and_naming_the_rule()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write(".cisecrets.yaml", "scan:\n  rules:\n    - id: acme-slow\n      regex: 'acme_((a|a)+)+b(?!c)'\n      keywords: [acme_]\n")
            .Write("input.txt", "acme_" + new string('a', 40) + "\n")
            .Commit("slow input");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "json");

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("the scan is incomplete: Rule acme-slow timed out 1 time(s)", line, StringComparison.Ordinal);
        Assert.Contains("\"ruleTimeouts\": 1", run.Output, StringComparison.Ordinal);
        Assert.Empty(Findings(run.Output));
    }
}
