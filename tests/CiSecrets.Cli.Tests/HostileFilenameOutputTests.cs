using System.Text.Json;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;
using static CiSecrets.Cli.Tests.TestSecrets;

namespace CiSecrets.Cli.Tests;

/// <summary>
/// Committed filenames that try to inject GitHub Actions workflow commands: a newline followed by
/// <c>::stop-commands::</c> (the runner reads <c>::</c> at the start of a line) and the legacy
/// <c>##[stop-commands]</c> (read anywhere in a line). Whatever the format, no printed line may carry one.
/// </summary>
public sealed class HostileFilenameOutputTests
{
    private const string NewlineName = "x\n::stop-commands::pwn\n.env";
    private const string LegacyName = "y ##[stop-commands]pwn2.env";
    private const string LeadingName = "::stop-commands::pwn3.env";

    [Fact(Timeout = 120_000)]
    public async Task A_filename_cannot_inject_a_workflow_command_into_any_scan_format_and_json_keeps_the_exact_path()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write(NewlineName, AwsLine(1)).Write(LegacyName, AwsLine(2)).Write(LeadingName, AwsLine(3)).Commit("hostile names");
        using var files = new TempDirectory();
        var actions = ActionsEnvironment(files);

        // Act
        var runs = new Dictionary<string, CliRun>();
        foreach (var format in new[] { "text", "json", "markdown", "sarif" })
        {
            runs[format] = await CliRunner.RunAsync(repo.Path, actions, "scan", ".", "--format", format);
        }

        // Assert
        foreach (var (format, run) in runs)
        {
            Assert.True(run.ExitCode == 1, $"{format}: {run.Error}");
            AssertNoInjectedCommand(format, run);
        }

        var paths = Findings(runs["json"].Output).Select(f => f.Field("path")).Order(StringComparer.Ordinal);
        Assert.Equal([LeadingName, NewlineName, LegacyName], paths);
        using var sarif = JsonDocument.Parse(runs["sarif"].Output);
        Assert.Equal(3, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
        Assert.Contains("x\\n\\x3a\\x3astop-commands\\x3a\\x3apwn\\n.env:1:", runs["text"].Output, StringComparison.Ordinal);
        Assert.Equal(3, Lines(runs["text"].Output).Count(line => line.StartsWith("::error ", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Sops_validate_escapes_a_hostile_filename_in_its_report_and_annotations()
    {
        // Arrange
        var team = AgeIdentity.Generate();
        using var repo = new TempGitRepository();
        repo.Write(".sops.yaml", Config(("^secrets/", [team])))
            .Write("secrets/" + NewlineName, $"password: {SecretValue()}\n")
            .Write("secrets/" + LegacyName, $"password: {SecretValue()}\n")
            .Commit("plaintext under a creation rule");
        using var files = new TempDirectory();
        var environment = ActionsEnvironment(files);
        foreach (var (name, value) in KeyEnvironment(team))
        {
            environment[name] = value;
        }

        // Act
        var text = await CliRunner.RunAsync(repo.Path, environment, "sops", "validate");
        var json = await CliRunner.RunAsync(repo.Path, environment, "sops", "validate", "--format", "json");

        // Assert
        Assert.Equal((1, 1), (text.ExitCode, json.ExitCode));
        AssertNoInjectedCommand("text", text);
        AssertNoInjectedCommand("json", json);
        Assert.Contains("secrets/" + NewlineName, Findings(json.Output).Select(f => f.Field("path")));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_gate_table_json_and_summary_escape_a_hostile_filename_in_a_check_detail()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write(".cisecrets.yaml", "secrets: []\ngates:\n  pre-merge:\n    - check: leaks\n")
            .Write(NewlineName, AwsLine(4))
            .Commit("hostile name");
        using var files = new TempDirectory();
        var environment = ActionsEnvironment(files);

        // Act
        var text = await CliRunner.RunAsync(repo.Path, environment, "gate", "pre-merge");
        var json = await CliRunner.RunAsync(repo.Path, environment, "gate", "pre-merge", "--format", "json");

        // Assert
        Assert.True(text.ExitCode == 1, text.All);
        AssertNoInjectedCommand("text", text);
        AssertNoInjectedCommand("json", json);
        Assert.Contains("x\\n\\x3a\\x3astop-commands\\x3a\\x3apwn\\n.env", text.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Contains(NewlineName, document.RootElement.GetProperty("checks")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\n::stop-commands", await File.ReadAllTextAsync(files.Combine("summary.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("tab\there\x1b[31m", "tab\\there\\x1b[31m")]
    [InlineData("rtl\u202eexe.txt", "rtl\\u202eexe.txt")]
    [InlineData("::set-output name=x::y", "\\x3a\\x3aset-output name=x\\x3a\\x3ay")]
    [InlineData("  ::warning::x", "  \\x3a\\x3awarning\\x3a\\x3ax")]
    [InlineData("ends with:", "ends with\\x3a")]
    [InlineData("a ##[error]b", "a ##\\x5berror]b")]
    [InlineData("plain/path-1.2_x.yaml: a message, 50%", "plain/path-1.2_x.yaml: a message, 50%")]
    public void Escape_makes_control_characters_and_workflow_commands_visible_and_leaves_ordinary_text_alone(string value, string expected) =>
        Assert.Equal(expected, PrintedText.Escape(value));

    private static Dictionary<string, string> ActionsEnvironment(TempDirectory files) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_STEP_SUMMARY"] = files.Combine("summary.md"),
        ["GITHUB_OUTPUT"] = files.Combine("output.txt"),
        ["RUNNER_TEMP"] = files.Path,
    };

    private static string[] Lines(string output) => output.Split('\n');

    /// <summary>
    /// As the runner reads a line: <c>::</c> after leading blanks is a command, and only ours
    /// (annotations) may be one; <c>##[</c> anywhere is a legacy command, and none is ours.
    /// </summary>
    private static void AssertNoInjectedCommand(string format, CliRun run)
    {
        foreach (var line in Lines(run.Output).Concat(Lines(run.Error)))
        {
            var trimmed = line.TrimStart();
            Assert.False(
                trimmed.StartsWith("::", StringComparison.Ordinal) && !System.Text.RegularExpressions.Regex.IsMatch(trimmed, "^::(error|warning|notice) "),
                $"{format}: a command line was injected: {line}");
            Assert.DoesNotContain("##[", line, StringComparison.Ordinal);
        }
    }
}
