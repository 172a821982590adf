using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.TestSecrets;

namespace CiSecrets.Cli.Tests;

/// <summary>A secret's value never reaches any output: every format, the Actions files, annotations.</summary>
public sealed class OutputRedactionTests
{
    public static TheoryData<string> Formats => ["text", "json", "sarif", "markdown"];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Formats))]
    public async Task No_format_contains_the_full_value_of_any_secret(string format)
    {
        // Arrange: several kinds of secret, including a short weak password.
        using var repo = new TempGitRepository();
        var weak = "Adm1n!pw";
        var secrets = new[] { AwsKeyId(7), GitHubToken(7), weak };
        repo.Write(".env", $"DB_{"PASS"}WORD={weak}\n")
            .Write("deploy/keys.ini", AwsLine(7))
            .Write("ci.sh", $"export GITHUB_TOKEN={GitHubToken(7)}\n")
            .Commit("leaks");
        using var output = new TempDirectory();
        var file = output.Combine($"report.{format}");

        // Act
        var toStdout = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", format);
        var toFile = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", format, "--output", file);

        // Assert
        Assert.Equal(1, toStdout.ExitCode);
        Assert.Equal(1, toFile.ExitCode);
        var written = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains("aws-access-token", written);
        foreach (var (secret, index) in secrets.Select((s, i) => (s, i)))
        {
            Assert.False(toStdout.All.Contains(secret, StringComparison.Ordinal), $"secret #{index} appeared in {format} on standard output");
            Assert.False(written.Contains(secret, StringComparison.Ordinal), $"secret #{index} appeared in the {format} file");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Inside_GitHub_Actions_findings_become_annotations_a_step_summary_and_outputs_without_values()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("keys.ini", AwsLine(8)).Commit("leak");
        using var runner = new TempDirectory();
        var outputs = runner.Combine("github_output");
        var summary = runner.Combine("step_summary");
        File.WriteAllText(outputs, "earlier=kept\n");
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["CI"] = "true",
            ["GITHUB_OUTPUT"] = outputs,
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["RUNNER_TEMP"] = runner.Path,
        };

        // Act
        var run = await CliRunner.RunAsync(repo.Path, environment, "scan", ".");

        // Assert
        Assert.Equal(1, run.ExitCode);
        var annotation = Assert.Single(run.Output.Split('\n'), line => line.StartsWith("::error ", StringComparison.Ordinal));
        Assert.Contains("file=keys.ini,line=1,col=21", annotation);
        var outputText = File.ReadAllText(outputs);
        Assert.StartsWith("earlier=kept\n", outputText);
        Assert.Contains("findings-count=1\n", outputText);
        var sarifLine = Assert.Single(outputText.Split('\n'), line => line.StartsWith("sarif-file=", StringComparison.Ordinal));
        Assert.True(File.Exists(sarifLine["sarif-file=".Length..]), "the SARIF file named in the outputs exists");
        var markdown = File.ReadAllText(summary);
        Assert.Contains("| `aws-access-token` | `keys.ini` | 1 |", markdown);
        foreach (var text in new[] { run.All, outputText, markdown, File.ReadAllText(sarifLine["sarif-file=".Length..]) })
        {
            Assert.DoesNotContain(AwsKeyId(8), text);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task The_sarif_report_has_what_code_scanning_requires()
    {
        // Arrange
        using var repo = new TempGitRepository();
        var commit = repo.Write("config/prod.ini", "x = 1\n" + AwsLine(9)).Commit("leak");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "sarif");

        // Assert
        using var sarif = System.Text.Json.JsonDocument.Parse(run.Output);
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run0 = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var rules = run0.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(rules.Count, rules.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(rules, rule =>
        {
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("text").GetString()));
        });
        var result = Assert.Single(run0.GetProperty("results").EnumerateArray());
        var ruleId = result.GetProperty("ruleId").GetString();
        Assert.Equal(ruleId, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("config/prod.ini", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(2, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(commit, result.GetProperty("partialFingerprints").GetProperty("commitSha").GetString());
    }
}
