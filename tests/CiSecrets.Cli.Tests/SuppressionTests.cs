using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.TestSecrets;

namespace CiSecrets.Cli.Tests;

/// <summary>Suppression in the order users reach for it: inline, configuration, baseline, .gitleaksignore.</summary>
public sealed class SuppressionTests
{
    [Fact(Timeout = 120_000)]
    public async Task An_inline_allow_comment_suppresses_only_its_own_line()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("keys.ini", $"{AwsLine(1).TrimEnd()} # cisecrets:allow\n{AwsLine(2)}").Commit("keys");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "json");

        // Assert
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal("2", finding.Field("line"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Configured_paths_stopwords_and_disabled_rules_suppress_findings()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write(".cisecrets.yaml", "scan:\n  disabled-rules: [github-pat]\n  allowlist:\n    paths: [\"fixtures/**\"]\n    stopwords: [\"notreal\"]\n")
            .Write("fixtures/keys.ini", AwsLine(1))
            .Write("notes.txt", $"seen in a log: {GitHubToken(1)}\n")
            .Write("app.py", "api_key = \"notreal-" + Sample(12) + "\"\n")
            .Write("real.ini", AwsLine(3))
            .Commit("mixed");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "json");

        // Assert
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal("real.ini", finding.Field("path"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_baseline_survives_moved_lines_but_not_a_new_secret_on_an_ignored_line_and_lists_stale_entries()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("keys.ini", AwsLine(1)).Write("old.ini", AwsLine(4)).Commit("accepted leaks");
        var created = await CliRunner.RunAsync(repo.Path, "baseline", "create", ".", "--output", ".cisecrets-baseline.json");
        Assert.Equal(0, created.ExitCode);
        Assert.DoesNotContain(AwsKeyId(1), await File.ReadAllTextAsync(Path.Combine(repo.Path, ".cisecrets-baseline.json"), TestContext.Current.CancellationToken));

        // Act 1: the accepted line moves down; still ignored.
        repo.Write("keys.ini", "# header\n\n" + AwsLine(1)).Commit("move");
        var moved = await CliRunner.RunAsync(repo.Path, "scan", ".", "--baseline", ".cisecrets-baseline.json", "--format", "json");

        // Act 2: a new secret replaces the accepted one on the same line.
        repo.Write("keys.ini", "# header\n\n" + AwsLine(2)).Commit("new secret on the ignored line");
        var replaced = await CliRunner.RunAsync(repo.Path, "scan", ".", "--baseline", ".cisecrets-baseline.json", "--format", "json");

        // Assert
        Assert.Equal(0, moved.ExitCode);
        var finding = Assert.Single(Findings(replaced.Output));
        Assert.Equal("3", finding.Field("line"));
        Assert.Equal(1, replaced.ExitCode);
        var fresh = await CliRunner.RunAsync(repo.Path, "scan", ".", "--range", "HEAD~1..HEAD", "--baseline", ".cisecrets-baseline.json");
        Assert.Contains("Baseline entry no longer matches anything", fresh.Output);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_gitleaksignore_fingerprint_suppresses_that_finding()
    {
        // Arrange
        using var repo = new TempGitRepository();
        var commit = repo.Write("a.ini", AwsLine(1)).Write("b.ini", AwsLine(2)).Commit("two");
        repo.Write(".gitleaksignore", $"# accepted\n{commit}:a.ini:aws-access-token:1\n").Commit("ignore");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "json");

        // Assert
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal("b.ini", finding.Field("path"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_gitleaks_configuration_is_imported_with_its_custom_rules_and_allowlists()
    {
        // Arrange: a team's own token format, and a global allowlist path.
        using var repo = new TempGitRepository();
        using var configFolder = new TempDirectory();
        var config = configFolder.Combine("gitleaks.toml");
        File.WriteAllText(config, """
            title = "team rules"
            [extend]
            useDefault = true

            [[rules]]
            id = "acme-token"
            description = "ACME internal token"
            regex = '''acme_(?P<body>[a-z0-9]{24})'''
            secretGroup = 1
            keywords = ["acme_"]

            [allowlist]
            paths = ['''^vendor/''']
            """);
        repo.Write("service.cfg", "token: acme_" + Sample(24) + "\n")
            .Write("vendor/lib.cfg", "token: acme_" + Sample(24, 1) + "\n")
            .Commit("acme");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--gitleaks-config", config, "--format", "json");

        // Assert
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal("acme-token", finding.Field("ruleId"));
        Assert.Equal("service.cfg", finding.Field("path"));
        Assert.Equal("13", finding.Field("column"));
    }

    private static string Sample(int length, int variant = 0) =>
        CiSecrets.Scanning.Rules.Sample.Token("", length, CiSecrets.Scanning.Rules.Sample.Lower + CiSecrets.Scanning.Rules.Sample.Digits, variant);
}
