using System.Diagnostics;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.TestSecrets;

namespace CiSecrets.Cli.Tests;

/// <summary>
/// The block <c>history plan</c> prints is meant to be pasted into a shell. It is run here with bash, in
/// a temporary folder with an empty PATH and <c>git</c> a shell function that records its arguments, so that a
/// command injected through a filename would leave its mark (a file made by a redirection).
/// </summary>
public sealed class HistoryPlanShellSafetyTests
{
    [Fact(Timeout = 120_000)]
    public async Task Pasting_the_plan_for_hostile_filenames_runs_no_injected_command_and_keeps_each_path_one_argument()
    {
        // Arrange: leaks in files whose names break a line (one still present, one deleted), one named like an option, one with a quote.
        using var repo = new TempGitRepository();
        repo.Write("notes\nid>PWNED_BY_PLAN\n.env", AwsLine(1))
            .Write("-n.env", AwsLine(2))
            .Write("it's $(id>PWNED_BY_QUOTE).env", AwsLine(3))
            .Write("kept's.ini", AwsLine(4))
            .Commit("leaks");
        repo.Write("gone\nid>PWNED_BY_GONE\n.env", AwsLine(5)).Commit("another");
        repo.Delete("gone\nid>PWNED_BY_GONE\n.env").Delete("-n.env").Delete("it's $(id>PWNED_BY_QUOTE).env").Commit("deleted");
        using var shell = new TempDirectory();
        var empty = Directory.CreateDirectory(shell.Combine("bin")).FullName;
        var log = shell.Combine("git-arguments");
        var stub = $"git() {{ printf '%s\\0' \"$@\" >> '{log}'; printf '\\n\\0' >> '{log}'; if [ \"$1\" = clone ]; then for last; do :; done; /bin/mkdir -p \"$last\"; fi; }}\n";

        // Act
        var plan = await CliRunner.RunAsync(repo.Path, "history", "plan");
        var block = Block(plan.Output);
        await File.WriteAllTextAsync(shell.Combine("plan.sh"), block, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(shell.Combine("run.sh"), stub + block, TestContext.Current.CancellationToken);
        var syntax = Bash(shell.Path, empty, "-n", "plan.sh");
        var run = Bash(shell.Path, empty, "run.sh");

        // Assert
        Assert.Equal(1, plan.ExitCode);
        Assert.Equal(0, syntax.ExitCode);
        Assert.True(run.ExitCode == 0, run.Error + "\n" + block);
        Assert.Empty(Directory.EnumerateFileSystemEntries(shell.Path, "PWNED*", SearchOption.AllDirectories));
        var commands = (await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken)).Split("\n\0", StringSplitOptions.RemoveEmptyEntries)
            .Select(command => command.Split('\0', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var invert = Assert.Single(commands, c => c.Contains("--invert-paths"));
        Assert.Equal(["filter-repo", "--invert-paths", "--path=-n.env", "--path=it's $(id>PWNED_BY_QUOTE).env"], invert);
        Assert.Contains("notes\\nid>PWNED_BY_PLAN\\n.env (shown escaped) has control characters", plan.Output, StringComparison.Ordinal);
        Assert.Contains("gone\\nid>PWNED_BY_GONE\\n.env (shown escaped) has control characters", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\nid>PWNED", plan.Output, StringComparison.Ordinal);
        Assert.Contains(commands, c => c is ["clone", "--mirror", "--", _, "rewrite.git"]);
    }

    /// <summary>Step 2 of the plan: what a person copies into a terminal.</summary>
    private static string Block(string plan)
    {
        var start = plan.IndexOf("2. Then rewrite", StringComparison.Ordinal);
        var end = plan.IndexOf("3. Ask", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, plan);
        var lines = plan[start..end].Split('\n').Skip(1);
        return string.Join('\n', lines) + "\n";
    }

    private static (int ExitCode, string Error) Bash(string directory, string path, params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = path;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = output.Result;
        return (process.ExitCode, error);
    }
}
