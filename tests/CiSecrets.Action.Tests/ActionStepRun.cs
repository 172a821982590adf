using System.Diagnostics;
using System.Text.RegularExpressions;
using CiSecrets.Testing;

namespace CiSecrets.Action.Tests;

/// <summary>
/// Runs the composite action's step the way the runner does: the step's <c>env:</c> from
/// action.yml with the inputs filled in, a runner-like environment (workspace, event payload,
/// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY under RUNNER_TEMP), and the step's <c>run:</c> line in bash,
/// with a stand-in <c>docker</c> first on PATH that records its arguments and environment.
/// </summary>
internal sealed partial class ActionStepRun : IDisposable
{
    private readonly TempDirectory _runner = new("cisecrets-runner");

    public ActionStepRun()
    {
        Directory.CreateDirectory(Workspace);
        Directory.CreateDirectory(Path.GetDirectoryName(EventPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(OutputPath)!);
        Directory.CreateDirectory(Record);
        Directory.CreateDirectory(Bin);
        File.WriteAllText(OutputPath, "");
        File.WriteAllText(SummaryPath, "");
        File.WriteAllText(EventPath, "{}");
        var docker = Path.Combine(Bin, "docker");
        File.WriteAllText(docker, """
            #!/usr/bin/env bash
            # Stand-in docker: records how it was called and, like cisecrets inside the container,
            # appends an output to GITHUB_OUTPUT, then exits with the code the test chose.
            printf '%s\n' "$@" > "$STANDIN_RECORD/args"
            env > "$STANDIN_RECORD/env"
            if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
                echo "findings-count=${STANDIN_FINDINGS:-0}" >> "$GITHUB_OUTPUT"
                if [[ -n "${STANDIN_VERDICT:-}" ]]; then
                    echo "verdict=${STANDIN_VERDICT}" >> "$GITHUB_OUTPUT"
                fi
            fi
            exit "${STANDIN_EXIT:-0}"
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            // The action runs only on Linux runners; so does this test.
            File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Workspace => _runner.Combine("work", "service", "service");

    public string RunnerTemp => _runner.Combine("work", "_temp");

    public string EventPath => Path.Combine(RunnerTemp, "_github_workflow", "event.json");

    public string OutputPath => Path.Combine(RunnerTemp, "_runner_file_commands", "set_output_1");

    public string SummaryPath => Path.Combine(RunnerTemp, "_runner_file_commands", "step_summary_1");

    private string Record => _runner.Combine("record");

    private string Bin => _runner.Combine("bin");

    /// <summary>Inputs given with <c>with:</c>; the rest take action.yml's defaults.</summary>
    public Dictionary<string, string> Inputs { get; } = [];

    public string EventName { get; set; } = "pull_request";

    /// <summary>What <c>github.action_repository</c> expands to (empty inside some composite steps).</summary>
    public string ActionRepository { get; set; } = "Octo-Org/cisecrets";

    /// <summary>GITHUB_ACTION_PATH; the repository itself unless a test mimics the runner's _actions folder.</summary>
    public string? ActionPath { get; set; }

    /// <summary>What <c>github.token</c> expands to, the default of the github-token input.</summary>
    public string WorkflowToken { get; } = "ghs_" + Guid.NewGuid().ToString("N");

    public int StandInExitCode { get; set; }

    public Dictionary<string, string> ExtraEnvironment { get; } = [];

    /// <summary>Links the repository under RUNNER/_actions/OWNER/REPO/REF, as the runner checks actions out.</summary>
    public string LinkAsRunnerAction(string owner, string repository, string reference)
    {
        var parent = _runner.Combine("work", "_actions", owner, repository);
        Directory.CreateDirectory(parent);
        var link = Path.Combine(parent, reference);
        Directory.CreateSymbolicLink(link, RepositoryFiles.Root);
        return link;
    }

    public async Task<StepResult> RunAsync()
    {
        var action = RepositoryFiles.LoadYaml(RepositoryFiles.ActionYaml);
        var step = (Dictionary<object, object>)action.Map("runs").List("steps").Single();
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(step.Text("run")!);
        start.Environment.Clear();
        start.Environment["PATH"] = Bin + ":" + (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        start.Environment["HOME"] = _runner.Path;
        start.Environment["CI"] = "true";
        start.Environment["GITHUB_ACTIONS"] = "true";
        start.Environment["GITHUB_WORKSPACE"] = Workspace;
        start.Environment["GITHUB_EVENT_NAME"] = EventName;
        start.Environment["GITHUB_EVENT_PATH"] = EventPath;
        start.Environment["GITHUB_OUTPUT"] = OutputPath;
        start.Environment["GITHUB_STEP_SUMMARY"] = SummaryPath;
        start.Environment["GITHUB_REPOSITORY"] = "caller-org/service";
        start.Environment["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567";
        start.Environment["RUNNER_TEMP"] = RunnerTemp;
        start.Environment["RUNNER_OS"] = "Linux";
        start.Environment["GITHUB_ACTION_PATH"] = ActionPath ?? RepositoryFiles.Root;
        start.Environment["STANDIN_RECORD"] = Record;
        start.Environment["STANDIN_EXIT"] = StandInExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["STANDIN_FINDINGS"] = "3";
        foreach (var (name, value) in ExtraEnvironment)
        {
            start.Environment[name] = value;
        }

        foreach (var (name, expression) in step.Map("env").Entries())
        {
            start.Environment[name] = Expand((string)expression, action);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        var argsFile = Path.Combine(Record, "args");
        var envFile = Path.Combine(Record, "env");
        return new StepResult(
            process.ExitCode,
            await output + await error,
            File.Exists(argsFile) ? [.. (await File.ReadAllTextAsync(argsFile)).Split('\n')[..^1]] : null,
            File.Exists(envFile) ? await File.ReadAllTextAsync(envFile) : null,
            await File.ReadAllTextAsync(OutputPath));
    }

    /// <summary>Expands the <c>${{ inputs.X }}</c> and <c>${{ github.X }}</c> expressions action.yml uses, as the runner would.</summary>
    private string Expand(string expression, Dictionary<object, object> action) => Expression().Replace(expression, match =>
    {
        var (scope, name) = (match.Groups["scope"].Value, match.Groups["name"].Value);
        return (scope, name) switch
        {
            ("inputs", _) => Inputs.TryGetValue(name, out var given) ? given : Expand(action.Map("inputs").Map(name).Text("default") ?? "", action),
            ("github", "token") => WorkflowToken,
            ("github", "action_repository") => ActionRepository,
            _ => throw new InvalidOperationException($"action.yml uses an expression the test does not know: {match.Value}"),
        };
    });

    public void Dispose() => _runner.Dispose();

    [GeneratedRegex(@"\$\{\{\s*(?<scope>inputs|github)\.(?<name>[A-Za-z0-9_-]+)\s*\}\}")]
    private static partial Regex Expression();
}

/// <summary>What one run of the action step did: its exit code and output, and the docker call (null when docker never ran).</summary>
internal sealed record StepResult(int ExitCode, string Log, IReadOnlyList<string>? DockerArguments, string? DockerEnvironment, string GitHubOutput)
{
    public IReadOnlyList<string> Docker => DockerArguments ?? throw new InvalidOperationException($"docker was not called; step log: {Log}");

    /// <summary>The arguments after the image: the cisecrets command line.</summary>
    public IReadOnlyList<string> CommandLine(string image) => [.. Docker.SkipWhile(argument => argument != image).Skip(1)];

    /// <summary>The values given with <c>--env NAME</c> / <c>--volume X</c> style pairs.</summary>
    public IReadOnlyList<string> ValuesOf(string option) =>
        [.. Docker.Zip(Docker.Skip(1)).Where(pair => pair.First == option).Select(pair => pair.Second)];

    public string? Output(string name) =>
        GitHubOutput.Split('\n').LastOrDefault(line => line.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
}
