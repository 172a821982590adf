using System.Text.RegularExpressions;

namespace CiSecrets.Action.Tests;

/// <summary>action.yml: parses, documents every input and output, and wires each input into the step.</summary>
public sealed partial class ActionMetadataTests
{
    private static readonly string[] ExpectedInputs = ["command", "args", "config", "fail-on-findings", "sarif-file", "github-token", "version"];
    private static readonly string[] ExpectedOutputs = ["findings-count", "sarif-file", "verdict", "pull-request-url"];

    private readonly Dictionary<object, object> _action = RepositoryFiles.LoadYaml(RepositoryFiles.ActionYaml);

    [Fact]
    public void Action_is_a_composite_with_one_bash_step_that_runs_the_script()
    {
        var runs = _action.Map("runs");
        Assert.Equal("composite", runs.Text("using"));
        var step = Assert.Single(runs.List("steps"));
        Assert.Equal("bash", step.Text("shell"));
        Assert.Equal("cisecrets", step.Text("id"));
        var run = step.Text("run")!;
        Assert.Contains("$GITHUB_ACTION_PATH/.github/scripts/run-action.sh", run, StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryFiles.ActionScript));
    }

    [Fact]
    public void Every_input_has_a_description_and_a_default()
    {
        var inputs = _action.Map("inputs");

        Assert.Equal(ExpectedInputs.Order(StringComparer.Ordinal), inputs.Keys.Cast<string>().Order(StringComparer.Ordinal));
        foreach (var (name, input) in inputs.Entries())
        {
            Assert.False(string.IsNullOrWhiteSpace(input.Text("description")), $"input {name} has no description");
            Assert.True(input.Has("default"), $"input {name} has no default");
        }
    }

    [Fact]
    public void Every_output_is_documented_and_reads_the_steps_output_of_the_same_name()
    {
        var outputs = _action.Map("outputs");

        Assert.Equal(ExpectedOutputs.Order(StringComparer.Ordinal), outputs.Keys.Cast<string>().Order(StringComparer.Ordinal));
        foreach (var (name, output) in outputs.Entries())
        {
            Assert.False(string.IsNullOrWhiteSpace(output.Text("description")), $"output {name} has no description");
            Assert.Equal($"${{{{ steps.cisecrets.outputs.{name} }}}}", output.Text("value"));
        }
    }

    [Fact]
    public void Every_input_is_mapped_into_the_steps_environment_and_the_script_reads_it()
    {
        var env = ((Dictionary<object, object>)_action.Map("runs").List("steps").Single()).Map("env");
        var script = File.ReadAllText(RepositoryFiles.ActionScript);

        foreach (var input in ExpectedInputs)
        {
            var entry = env.Entries().SingleOrDefault(pair => (string)pair.Value == $"${{{{ inputs.{input} }}}}");
            Assert.True(entry.Key is not null, $"input {input} is not mapped into the step's env");

            // GITHUB_TOKEN is not read by the script: it goes into the container by name with the other GITHUB_* variables.
            var passedThrough = entry.Key == "GITHUB_TOKEN" && script.Contains("GITHUB_* | RUNNER_*", StringComparison.Ordinal);
            Assert.True(passedThrough || script.Contains("${" + entry.Key, StringComparison.Ordinal), $"the script never reads {entry.Key} (input {input})");
        }
    }

    [Fact]
    public void The_run_line_interpolates_no_expression()
    {
        // Expressions in run: are pasted into the script before bash sees it: script injection.
        var run = ((Dictionary<object, object>)_action.Map("runs").List("steps").Single()).Text("run")!;

        Assert.DoesNotContain("${{", run, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_version_is_the_version_the_tool_is_packed_and_released_as()
    {
        var version = _action.Map("inputs").Map("version").Text("default");

        Assert.Equal(RepositoryFiles.ToolVersion(), version);
        Assert.Matches(SemanticVersion(), version);
    }

    [Fact]
    public void The_command_input_documents_every_command_the_script_accepts()
    {
        var description = _action.Map("inputs").Map("command").Text("description")!;
        var script = File.ReadAllText(RepositoryFiles.ActionScript);

        foreach (var command in new[] { "scan", "sops-validate", "gate", "rotate", "k8s-apply", "k8s-verify" })
        {
            Assert.Contains(command, description, StringComparison.Ordinal);
            Assert.Contains($"    {command}) command_words=", script, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemanticVersion();
}
