namespace CiSecrets.Action.Tests;

/// <summary>
/// The composite step (action.yml's env and run line, .github/scripts/run-action.sh) run in bash
/// with a stand-in docker: which container it starts, with what, and what it writes to GITHUB_OUTPUT.
/// </summary>
public sealed class ActionStepTests
{
    private static readonly string DefaultImage = $"ghcr.io/octo-org/cisecrets:{RepositoryFiles.ToolVersion()}";

    [Theory(Timeout = 120_000)]
    [InlineData("scan", "scan")]
    [InlineData("sops-validate", "sops validate")]
    [InlineData("gate", "gate")]
    [InlineData("rotate", "rotate")]
    [InlineData("k8s-apply", "k8s apply")]
    [InlineData("k8s-verify", "k8s verify")]
    public async Task Each_command_runs_its_cisecrets_subcommand_in_the_image(string command, string subcommand)
    {
        // Arrange
        using var step = new ActionStepRun { EventName = "workflow_dispatch" };
        step.Inputs["command"] = command;

        // Act
        var result = await step.RunAsync();

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("run", result.Docker[0]);
        var commandLine = result.CommandLine(DefaultImage);
        Assert.Equal(subcommand.Split(' '), commandLine.Take(subcommand.Split(' ').Length));
        Assert.Equal("pass", result.Output("verdict"));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_container_gets_the_workspace_the_env_files_and_the_runner_environment_at_the_same_paths()
    {
        using var step = new ActionStepRun();

        var result = await step.RunAsync();

        var volumes = result.ValuesOf("--volume");
        Assert.Contains($"{step.Workspace}:{step.Workspace}", volumes);
        Assert.Contains($"{step.RunnerTemp}:{step.RunnerTemp}", volumes);
        Assert.Equal(step.Workspace, Assert.Single(result.ValuesOf("--workdir")));
        var passed = result.ValuesOf("--env");
        foreach (var name in new[] { "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "GITHUB_REPOSITORY", "GITHUB_SHA", "GITHUB_ACTIONS", "RUNNER_TEMP", "RUNNER_OS", "CI" })
        {
            Assert.Contains(name, passed);
        }

        Assert.Matches(@"^\d+:\d+$", Assert.Single(result.ValuesOf("--user")));
        Assert.DoesNotContain("--privileged", result.Docker);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_token_reaches_the_container_as_an_environment_variable_and_never_on_the_command_line()
    {
        using var step = new ActionStepRun();
        step.Inputs["github-token"] = "ghs_" + Guid.NewGuid().ToString("N");
        var token = step.Inputs["github-token"];

        var result = await step.RunAsync();

        Assert.Contains("GITHUB_TOKEN", result.ValuesOf("--env"));
        Assert.DoesNotContain(result.Docker, argument => argument.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(token, result.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.GitHubOutput, StringComparison.Ordinal);
        Assert.Contains($"GITHUB_TOKEN={token}\n", result.DockerEnvironment, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Rotate_gets_the_api_url_of_the_runner_so_github_enterprise_works()
    {
        // Arrange: a GitHub Enterprise Server runner sets GITHUB_API_URL to its own API.
        using var step = new ActionStepRun { EventName = "schedule" };
        step.Inputs["command"] = "rotate";
        step.ExtraEnvironment["GITHUB_API_URL"] = "https://github.acme.example/api/v3";

        // Act
        var result = await step.RunAsync();

        // Assert: passed by name, and the container sees the value.
        Assert.Contains("GITHUB_API_URL", result.ValuesOf("--env"));
        Assert.Contains("GITHUB_API_URL=https://github.acme.example/api/v3\n", result.DockerEnvironment, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_default_token_is_the_workflow_token()
    {
        using var step = new ActionStepRun();

        var result = await step.RunAsync();

        Assert.Contains($"GITHUB_TOKEN={step.WorkflowToken}\n", result.DockerEnvironment, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("pull_request")]
    [InlineData("pull_request_target")]
    [InlineData("push")]
    public async Task Scan_reads_the_range_from_pull_request_and_push_events(string eventName)
    {
        using var step = new ActionStepRun { EventName = eventName };

        var result = await step.RunAsync();

        Assert.Equal(["scan", "--range", "auto", "--sarif-file", "cisecrets.sarif"], result.CommandLine(DefaultImage));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("schedule")]
    [InlineData("workflow_dispatch")]
    public async Task Scan_of_other_events_scans_the_whole_history(string eventName)
    {
        using var step = new ActionStepRun { EventName = eventName };

        var result = await step.RunAsync();

        Assert.Equal(["scan", "--sarif-file", "cisecrets.sarif"], result.CommandLine(DefaultImage));
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_input_reaches_the_command_line()
    {
        // Arrange: a non-default value for each input that shapes the invocation.
        using var step = new ActionStepRun();
        step.Inputs["command"] = "scan";
        step.Inputs["args"] = "--range  main..feature\n--format json";
        step.Inputs["config"] = "ci/cisecrets.yaml";
        step.Inputs["sarif-file"] = "out/leaks.sarif";
        step.Inputs["version"] = "9.8.7";
        step.Inputs["fail-on-findings"] = "false";
        step.Inputs["github-token"] = "ghs_" + Guid.NewGuid().ToString("N");
        step.StandInExitCode = 1;

        // Act
        var result = await step.RunAsync();

        // Assert: explicit --range replaces the event range; the rest map one to one.
        const string image = "ghcr.io/octo-org/cisecrets:9.8.7";
        Assert.Equal(
            ["scan", "--config", "ci/cisecrets.yaml", "--sarif-file", "out/leaks.sarif", "--range", "main..feature", "--format", "json"],
            result.CommandLine(image));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("fail", result.Output("verdict"));
        Assert.Contains("GITHUB_TOKEN", result.ValuesOf("--env"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Args_are_words_never_evaluated_by_a_shell()
    {
        using var step = new ActionStepRun { EventName = "workflow_dispatch" };
        var marker = Path.Combine(step.Workspace, "injected");
        step.Inputs["command"] = "gate";
        step.Inputs["args"] = $"deploy $(touch {marker}) `touch {marker}`;touch {marker}";

        var result = await step.RunAsync();

        Assert.False(File.Exists(marker), "the args input was run by a shell");
        Assert.Equal("gate", result.CommandLine(DefaultImage)[0]);
        Assert.Contains($"$(touch", result.CommandLine(DefaultImage));
    }

    [Fact(Timeout = 120_000)]
    public async Task Findings_fail_the_step_unless_fail_on_findings_is_false_and_errors_always_fail()
    {
        using var failing = new ActionStepRun { StandInExitCode = 1 };
        using var lenient = new ActionStepRun { StandInExitCode = 1 };
        lenient.Inputs["fail-on-findings"] = "false";
        using var broken = new ActionStepRun { StandInExitCode = 2 };
        broken.Inputs["fail-on-findings"] = "false";

        var failed = await failing.RunAsync();
        var passed = await lenient.RunAsync();
        var errored = await broken.RunAsync();

        Assert.Equal((1, "fail"), (failed.ExitCode, failed.Output("verdict")));
        Assert.Equal((0, "fail"), (passed.ExitCode, passed.Output("verdict")));
        Assert.Equal((2, "error"), (errored.ExitCode, errored.Output("verdict")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Outputs_the_container_wrote_and_the_verdict_land_in_GITHUB_OUTPUT()
    {
        using var step = new ActionStepRun();

        var result = await step.RunAsync();

        Assert.Equal("3", result.Output("findings-count"));
        Assert.Equal("pass", result.Output("verdict"));
        Assert.Equal("0", result.Output("exit-code"));
        var lines = result.GitHubOutput.Split('\n');
        Assert.True(Array.FindIndex(lines, line => line.StartsWith("verdict=", StringComparison.Ordinal)) > Array.FindIndex(lines, line => line.StartsWith("findings-count=", StringComparison.Ordinal)));
    }

    [Theory(Timeout = 120_000)]
    [InlineData(0, "warn", "warn")]
    [InlineData(1, "fail", "fail")]
    [InlineData(2, "pass", "error")]
    public async Task A_verdict_the_command_wrote_is_kept_unless_the_command_failed_with_an_error(int exitCode, string written, string expected)
    {
        using var step = new ActionStepRun { StandInExitCode = exitCode };
        step.Inputs["command"] = "gate";
        step.Inputs["args"] = "deploy";
        step.ExtraEnvironment["STANDIN_VERDICT"] = written;

        var result = await step.RunAsync();

        Assert.Equal(expected, result.Output("verdict"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Sarif_file_goes_only_to_commands_that_write_sarif()
    {
        using var scan = new ActionStepRun { EventName = "workflow_dispatch" };
        using var rotate = new ActionStepRun { EventName = "workflow_dispatch" };
        rotate.Inputs["command"] = "rotate";
        rotate.Inputs["args"] = "--due";
        using var noSarif = new ActionStepRun { EventName = "workflow_dispatch" };
        noSarif.Inputs["command"] = "sops-validate";
        noSarif.Inputs["sarif-file"] = "";

        Assert.Contains("--sarif-file", (await scan.RunAsync()).CommandLine(DefaultImage));
        Assert.Equal(["rotate", "--due"], (await rotate.RunAsync()).CommandLine(DefaultImage));
        Assert.Equal(["sops", "validate"], (await noSarif.RunAsync()).CommandLine(DefaultImage));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("gate", new[] { "gate", "--config", "ci/cisecrets.yaml", "deploy" })]
    [InlineData("k8s-verify", new[] { "k8s", "verify", "--config", "ci/cisecrets.yaml", "deploy" })]
    [InlineData("sops-validate", new[] { "sops", "validate", "deploy" })]
    public async Task Config_goes_to_the_commands_that_read_the_inventory(string command, string[] expected)
    {
        using var step = new ActionStepRun { EventName = "workflow_dispatch" };
        step.Inputs["command"] = command;
        step.Inputs["config"] = "ci/cisecrets.yaml";
        step.Inputs["sarif-file"] = "";
        step.Inputs["args"] = "deploy";

        var result = await step.RunAsync();

        Assert.Equal(expected, result.CommandLine(DefaultImage));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_image_owner_comes_from_the_runners_action_folder_when_action_repository_is_empty()
    {
        using var step = new ActionStepRun { ActionRepository = "" };
        step.ActionPath = step.LinkAsRunnerAction("Acme-Security", "cisecrets", "v1");

        var result = await step.RunAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"ghcr.io/acme-security/cisecrets:{RepositoryFiles.ToolVersion()}", result.Docker);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_version_with_a_slash_is_the_whole_image_reference()
    {
        using var step = new ActionStepRun();
        step.Inputs["version"] = "registry.example.com/mirror/cisecrets:dev";

        var result = await step.RunAsync();

        Assert.Equal("scan", result.CommandLine("registry.example.com/mirror/cisecrets:dev")[0]);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("command", "deploy", "unknown command 'deploy'")]
    [InlineData("fail-on-findings", "yes", "fail-on-findings must be true or false")]
    public async Task Bad_inputs_fail_with_an_error_annotation_and_no_container(string input, string value, string message)
    {
        using var step = new ActionStepRun();
        step.Inputs[input] = value;

        var result = await step.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Null(result.DockerArguments);
        Assert.Contains("::error title=cisecrets action::" + message, result.Log, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Sops_and_kubernetes_settings_pass_through_by_name()
    {
        using var step = new ActionStepRun();
        step.Inputs["command"] = "k8s-apply";
        var key = "not-a-real-key-" + Guid.NewGuid().ToString("N");
        step.ExtraEnvironment["SOPS_AGE_KEY"] = key;
        step.ExtraEnvironment["KUBECONFIG"] = Path.Combine(step.RunnerTemp, "kubeconfig");

        var result = await step.RunAsync();

        Assert.Contains("SOPS_AGE_KEY", result.ValuesOf("--env"));
        Assert.Contains("KUBECONFIG", result.ValuesOf("--env"));
        Assert.DoesNotContain(result.Docker, argument => argument.Contains(key, StringComparison.Ordinal));
    }
}
