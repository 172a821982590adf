using CiSecrets.Testing;

namespace CiSecrets.Cli.Tests;

/// <summary>Secret names go on command lines (<c>cisecrets rotate NAME</c>), so one that looks like an option is refused.</summary>
public sealed class SecretNameOptionLikeTests
{
    [Theory(Timeout = 120_000)]
    [InlineData("status")]
    [InlineData("rotate")]
    public async Task A_secret_named_like_an_option_is_refused_with_one_line_naming_the_file_and_exit_2(string command)
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write(".cisecrets.yaml", "secrets:\n  - name: --due\n    kind: password\n    path: db.password\n").Commit("inventory");

        // Act
        var run = command == "rotate"
            ? await CliRunner.RunAsync(repo.Path, "rotate", "--dry-run", "--due")
            : await CliRunner.RunAsync(repo.Path, "status");

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains(".cisecrets.yaml", line, StringComparison.Ordinal);
        Assert.Contains("secret name '--due'", line, StringComparison.Ordinal);
        Assert.Contains("cannot start with '-'", line, StringComparison.Ordinal);
    }
}
