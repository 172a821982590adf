using CiSecrets.Testing;

namespace CiSecrets.Cli.Tests;

/// <summary>A committed .cisecrets.yaml is hostile input to the scan that reads it: bounded before any tree is built.</summary>
public sealed class HostileScanConfigurationTests
{
    [Theory(Timeout = 120_000)]
    [InlineData("alias bomb", "aliases")]
    [InlineData("deep nesting", "nested deeper than 128 levels")]
    public async Task A_scan_configuration_that_would_expand_or_nest_without_bound_is_exit_2_naming_it(string shape, string problem)
    {
        // Arrange
        using var repo = new TempGitRepository();
        var text = shape == "alias bomb"
            ? HostileYaml.AliasBomb()
            : string.Concat(Enumerable.Range(0, 200).Select(level => new string(' ', level * 2) + "k:\n")) + new string(' ', 400) + "v\n";
        repo.Write(".cisecrets.yaml", text).Commit("configuration");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".");

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(".cisecrets.yaml", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
    }
}
