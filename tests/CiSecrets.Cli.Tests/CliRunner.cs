using CiSecrets.Testing;

namespace CiSecrets.Cli.Tests;

/// <summary>Runs the real command tree in-process with captured output and a chosen environment.</summary>
internal static class CliRunner
{
    public static Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunWithInputAsync(workingDirectory, environment, "", args);

    /// <summary>Runs with <paramref name="input"/> as standard input.</summary>
    public static async Task<CliRun> RunWithInputAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var variables = environment ?? new Dictionary<string, string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var console = new CliConsole(output, error, IsInteractive: false) { In = new StringReader(input) };
        var exit = await CliApplication.RunAsync(args, new DictionaryEnvironment(variables, workingDirectory, TestClock.Running()), console, timeout.Token);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);
}

internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}
