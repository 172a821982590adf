using System.Text.Json;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Cli.Tests;

public sealed class GateCommandTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_failing_phase_exits_1_with_the_table_summary_verdict_and_no_value_anywhere()
    {
        // Arrange
        using var repository = SecretsRepository.Broken();
        using var files = new TempDirectory();
        var environment = repository.Environment();
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_STEP_SUMMARY"] = files.Combine("summary.md");
        environment["GITHUB_OUTPUT"] = files.Combine("output.txt");

        // Act
        var text = await CliRunner.RunAsync(repository.Path, environment, "gate", "deploy");
        var json = await CliRunner.RunAsync(repository.Path, repository.Environment(), "gate", "deploy", "--format", "json");

        // Assert
        Assert.Equal(1, text.ExitCode);
        Assert.Matches(@"secret-strength\s+fail\s+postgres_password is a placeholder or default", text.Output);
        Assert.Matches(@"cluster\s+skipped\s+no kubeconfig", text.Output);
        Assert.EndsWith("gate deploy: fail\n", text.Output, StringComparison.Ordinal);
        var summary = await File.ReadAllTextAsync(files.Combine("summary.md"), TestContext.Current.CancellationToken);
        Assert.Contains("## cisecrets gate `deploy`: fail", summary, StringComparison.Ordinal);
        Assert.Contains("| `inventory` | fail | secrets/bundle.sops.yaml [\"legacy\"][\"token\"] is not in the inventory |", summary, StringComparison.Ordinal);
        Assert.Contains("verdict=fail\n", await File.ReadAllTextAsync(files.Combine("output.txt"), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        Assert.Equal(1, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal("fail", document.RootElement.GetProperty("verdict").GetString());
        var checks = document.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("fail", checks["live-values-in-history"]);
        Assert.Equal("fail", checks["rotation-age"]);
        Assert.Equal("skipped", checks["cluster"]);

        Assert.Null(repository.PlantedValueIn(text.All, json.All, summary));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_fixed_repository_passes_every_phase_with_exit_0()
    {
        using var repository = SecretsRepository.Fixed();

        var preMerge = await CliRunner.RunAsync(repository.Path, repository.Environment(), "gate", "pre-merge");
        var deploy = await CliRunner.RunAsync(repository.Path, repository.Environment(), "gate", "deploy");

        Assert.True(preMerge.ExitCode == 0, preMerge.All);
        Assert.True(deploy.ExitCode == 0, deploy.All);
        Assert.EndsWith("gate deploy: pass\n", deploy.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failing_check_at_level_warn_gives_the_phase_a_warn_verdict_and_exit_0()
    {
        // Arrange: the bundle's recipients no longer match .sops.yaml, and the policy only warns on sops.
        using var repository = SecretsRepository.Fixed();
        using var files = new TempDirectory();
        repository.Git.Write(".sops.yaml", $"creation_rules:\n  - path_regex: secrets/.*\\.sops\\.yaml$\n    age: {AgeIdentity.Generate().Recipient.Text}\n");
        repository.Git.Write(".cisecrets.yaml", SecretsRepository.Inventory.Replace("    - check: sops\n", "    - { check: sops, level: warn }\n", StringComparison.Ordinal));
        repository.Git.Commit("Recipient added without updatekeys");
        var environment = repository.Environment();
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_OUTPUT"] = files.Combine("output.txt");
        var blocking = SecretsRepository.Inventory;

        // Act
        var warned = await CliRunner.RunAsync(repository.Path, environment, "gate", "pre-merge");
        repository.Git.Write(".cisecrets.yaml", blocking);
        var blocked = await CliRunner.RunAsync(repository.Path, repository.Environment(), "gate", "pre-merge");

        // Assert
        Assert.True(warned.ExitCode == 0, warned.All);
        Assert.Matches(@"sops\s+fail \(warns\)\s+sops/stale-recipients: ", warned.Output);
        Assert.EndsWith("gate pre-merge: warn\n", warned.Output, StringComparison.Ordinal);
        Assert.Contains("verdict=warn\n", await File.ReadAllTextAsync(files.Combine("output.txt"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(1, blocked.ExitCode);
        Assert.EndsWith("gate pre-merge: fail\n", blocked.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task List_shows_every_phase_and_check()
    {
        using var repository = SecretsRepository.Fixed();

        var run = await CliRunner.RunAsync(repository.Path, "gate", "--list");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"pre-merge\s+leaks\s+block\s+pass\s+No leaked credential", run.Output);
        Assert.Matches(@"deploy\s+secret-strength\s+block\s+block\s+", run.Output);
        Assert.Matches(@"deploy\s+cluster\s+warn\s+pass\s+", run.Output);
    }

    [Fact(Timeout = 120_000)]
    public async Task Bad_input_is_one_line_and_exit_2()
    {
        // Arrange
        using var repository = SecretsRepository.Fixed();
        using var bare = new TempGitRepository();
        bare.Write("a.txt", "a\n").Commit();
        using var malformed = SecretsRepository.Fixed();
        malformed.Git.Write(".cisecrets.yaml", "bundle: secrets/bundle.sops.yaml\nsecrets:\n  - name: a\n    kind: password\n    path: a\n    rotate: 30d\n");

        // Act
        var unknownPhase = await CliRunner.RunAsync(repository.Path, repository.Environment(), "gate", "phase-9");
        var noPhase = await CliRunner.RunAsync(repository.Path, "gate");
        var noInventory = await CliRunner.RunAsync(bare.Path, "gate", "deploy");
        var badInventory = await CliRunner.RunAsync(malformed.Path, malformed.Environment(), "gate", "deploy");
        var badStatus = await CliRunner.RunAsync(malformed.Path, malformed.Environment(), "status");
        var badFormat = await CliRunner.RunAsync(repository.Path, "gate", "deploy", "--format", "sarif");

        // Assert
        AssertOneLine(unknownPhase, "no gate phase named 'phase-9' (phases: pre-merge, deploy)");
        AssertOneLine(noPhase, "gate: name a phase");
        AssertOneLine(noInventory, ".cisecrets.yaml: file not found");
        AssertOneLine(badInventory, ".cisecrets.yaml: line 6: unknown key 'rotate' in a secret");
        AssertOneLine(badStatus, ".cisecrets.yaml: line 6: unknown key 'rotate' in a secret");
        Assert.Equal(2, badFormat.ExitCode);
    }

    private static void AssertOneLine(CliRun run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }
}
