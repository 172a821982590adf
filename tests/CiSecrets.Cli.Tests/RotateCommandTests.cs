using CiSecrets.Testing;

namespace CiSecrets.Cli.Tests;

public sealed class RotateCommandTests
{
    [Fact(Timeout = 90_000)]
    public async Task Rotate_all_opens_a_pull_request_and_writes_the_actions_outputs_without_any_value()
    {
        // Arrange
        using var fixture = new RotationFixture();
        using var runner = new TempDirectory();
        var outputs = runner.Combine("output.txt");
        var summary = runner.Combine("summary.md");
        var environment = Environment(fixture, outputs, summary);

        // Act
        var run = await CliRunner.RunAsync(fixture.Work.Path, environment, "rotate", "all");

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pull request #1 opened", run.Output, StringComparison.Ordinal);
        var outputText = await File.ReadAllTextAsync(outputs, TestContext.Current.CancellationToken);
        Assert.Contains("pull-request-number=1\n", outputText, StringComparison.Ordinal);
        Assert.Contains("pull-request-url=https://github.example/acme/platform/pull/1\n", outputText, StringComparison.Ordinal);
        Assert.Contains("rotated=postgres_password,stack_api_key,jwt_secret,grafana_admin_password,redis_password\n", outputText, StringComparison.Ordinal);
        var summaryText = await File.ReadAllTextAsync(summary, TestContext.Current.CancellationToken);
        Assert.Contains("| `postgres_password` | password |", summaryText, StringComparison.Ordinal);

        var newValues = fixture.Decrypt(fixture.OriginFile(fixture.OriginBranches().Single(b => b != "main"), RotationFixture.Bundle)!, "b")
            .ToFlatDictionary().Values.Where(v => v.Length >= 16);
        foreach (var value in fixture.OldValues.Values.Concat(newValues))
        {
            Assert.False(run.All.Contains(value, StringComparison.Ordinal) || outputText.Contains(value, StringComparison.Ordinal) || summaryText.Contains(value, StringComparison.Ordinal),
                "a secret value reached the output, the step outputs or the summary");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Dry_run_prints_names_generators_and_consumers_and_changes_nothing()
    {
        // Arrange
        using var fixture = new RotationFixture();

        // Act: no key and no GitHub variables are needed for a plan.
        var run = await CliRunner.RunAsync(fixture.Work.Path, "rotate", "postgres_password", "--dry-run");

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Would rotate 1 of 5 secrets", run.Output, StringComparison.Ordinal);
        Assert.Contains("* postgres_password  [password: password, 32 bytes of entropy, database-safe]  consumers: postgres, aidb", run.Output, StringComparison.Ordinal);
        Assert.Contains("stack_api_key  [api-key: hex, 64 random bytes]", run.Output, StringComparison.Ordinal);
        Assert.Empty(fixture.Server.Requests);
        Assert.Equal(["main"], fixture.OriginBranches());
        Assert.Equal("", fixture.Work.Git("status", "--porcelain"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Rotate_local_writes_the_working_tree_without_github_and_prints_no_value()
    {
        // Arrange: only the age key; no GitHub variables, no token.
        using var fixture = new RotationFixture();
        var environment = new Dictionary<string, string> { ["SOPS_AGE_KEY"] = fixture.Identity.ExportSecret(), ["HOME"] = fixture.Work.Path };

        // Act
        var run = await CliRunner.RunAsync(fixture.Work.Path, environment, "rotate", "jwt_secret", "redis_password", "--local");

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Rotated 2 secrets: jwt_secret, redis_password", run.Output, StringComparison.Ordinal);
        Assert.Contains("in the working tree; review and commit them", run.Output, StringComparison.Ordinal);
        Assert.Equal(
            [$" M {RotationFixture.Bundle}", $" M {RotationFixture.KubernetesBundle}", "?? .cisecrets-rotations.yaml"],
            fixture.Work.Git("status", "--porcelain").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        Assert.Equal(fixture.InitialMain, fixture.Work.Head());
        Assert.Equal(["main"], fixture.OriginBranches());
        Assert.Empty(fixture.Server.Requests);

        var jwt = fixture.Decrypt(await File.ReadAllTextAsync(Path.Combine(fixture.Work.Path, RotationFixture.Bundle), TestContext.Current.CancellationToken), "b").ToFlatDictionary()["jwt_secret"];
        Assert.NotEqual(fixture.OldValues["jwt_secret"], jwt);
        foreach (var value in fixture.OldValues.Values.Append(jwt))
        {
            Assert.False(run.All.Contains(value, StringComparison.Ordinal), "a secret value reached the output");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Rotate_local_refuses_a_bundle_with_uncommitted_changes_with_exit_2()
    {
        // Arrange
        using var fixture = new RotationFixture();
        await File.AppendAllTextAsync(Path.Combine(fixture.Work.Path, RotationFixture.Bundle), "# editing\n", TestContext.Current.CancellationToken);
        var environment = new Dictionary<string, string> { ["SOPS_AGE_KEY"] = fixture.Identity.ExportSecret(), ["HOME"] = fixture.Work.Path };

        // Act
        var run = await CliRunner.RunAsync(fixture.Work.Path, environment, "rotate", "all", "--local");

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"cisecrets: {RotationFixture.Bundle}: has changes that are not committed", run.Error, StringComparison.Ordinal);
        Assert.Equal([$" M {RotationFixture.Bundle}"], fixture.Work.Git("status", "--porcelain").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("rotate")]
    [InlineData("rotate", "all", "--due")]
    [InlineData("rotate", "all", "jwt_secret")]
    [InlineData("rotate", "no_such_secret", "--dry-run")]
    public async Task Bad_selections_are_usage_errors(params string[] args)
    {
        // Arrange
        using var fixture = new RotationFixture();

        // Act
        var run = await CliRunner.RunAsync(fixture.Work.Path, args);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("cisecrets: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal(["main"], fixture.OriginBranches());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_github_refusal_exits_1_and_leaves_no_branch()
    {
        // Arrange
        using var fixture = new RotationFixture();
        using var runner = new TempDirectory();
        fixture.Server.FailNext("POST", "/repos/acme/platform/pulls", 422, message: "Validation Failed");

        // Act
        var run = await CliRunner.RunAsync(fixture.Work.Path, Environment(fixture, runner.Combine("o"), runner.Combine("s")), "rotate", "all");

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rotation failed", run.Error, StringComparison.Ordinal);
        Assert.Contains("(422)", run.Error, StringComparison.Ordinal);
        Assert.Equal(["main"], fixture.OriginBranches());
        Assert.False(File.Exists(runner.Combine("o")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Refused_labels_are_a_warning_and_the_pull_request_is_still_reported()
    {
        // Arrange
        using var fixture = new RotationFixture();
        using var runner = new TempDirectory();
        fixture.Server.FailNext("POST", "/repos/acme/platform/issues/1/labels", 422, message: "Label does not exist");

        // Act
        var run = await CliRunner.RunAsync(fixture.Work.Path, Environment(fixture, runner.Combine("o"), runner.Combine("s")), "rotate", "jwt_secret");

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pull request #1 opened", run.Output, StringComparison.Ordinal);
        Assert.Contains("warning: acme/platform: GitHub refused to label pull request #1 (422): Label does not exist", run.Error, StringComparison.Ordinal);
        Assert.Contains("pull-request-number=1\n", await File.ReadAllTextAsync(runner.Combine("o"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Missing_token_is_a_usage_error_naming_the_variable()
    {
        // Arrange
        using var fixture = new RotationFixture();
        var environment = new Dictionary<string, string> { ["GITHUB_REPOSITORY"] = "acme/platform", ["GITHUB_API_URL"] = fixture.Server.Url.ToString() };

        // Act
        var run = await CliRunner.RunAsync(fixture.Work.Path, environment, "rotate", "all");

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("cisecrets: GITHUB_TOKEN: not set", run.Error, StringComparison.Ordinal);
        Assert.Empty(fixture.Server.Requests);
    }

    private static Dictionary<string, string> Environment(RotationFixture fixture, string outputs, string summary) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_REPOSITORY"] = "acme/platform",
        ["GITHUB_API_URL"] = fixture.Server.Url.ToString(),
        ["GITHUB_TOKEN"] = RotationFixture.Token,
        ["GITHUB_OUTPUT"] = outputs,
        ["GITHUB_STEP_SUMMARY"] = summary,
        ["SOPS_AGE_KEY"] = fixture.Identity.ExportSecret(),
        ["HOME"] = fixture.Work.Path,
    };
}
