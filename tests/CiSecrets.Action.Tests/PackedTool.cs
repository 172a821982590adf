using System.Diagnostics;
using CiSecrets.Testing;

namespace CiSecrets.Action.Tests;

/// <summary>
/// The cisecrets tool packed once (for every test of a class: packing builds the command line)
/// and installed into a temporary tool path, the way a user installs it.
/// </summary>
public sealed class PackedTool : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("cisecrets-tool");

    public string PackagesDirectory => _directory.Combine("packages");

    public string ToolPath => _directory.Combine("tools");

    public string Version { get; } = RepositoryFiles.ToolVersion();

    public string Executable => Path.Combine(ToolPath, "cisecrets");

    public ProcessOutput Pack { get; private set; } = new(-1, "");

    public ProcessOutput Install { get; private set; } = new(-1, "");

    public async ValueTask InitializeAsync()
    {
        Pack = await RunAsync("dotnet", ["pack", Path.Combine(RepositoryFiles.Root, "src", "CiSecrets.Cli", "CiSecrets.Cli.csproj"), "-c", "Release", "-nologo", "-o", PackagesDirectory], TimeSpan.FromMinutes(5));
        if (Pack.ExitCode == 0)
        {
            Install = await RunAsync(
                "dotnet",
                ["tool", "install", "--tool-path", ToolPath, "--add-source", PackagesDirectory, "--ignore-failed-sources", "CiSecrets", "--version", Version],
                TimeSpan.FromMinutes(2));
        }
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    public static async Task<ProcessOutput> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryFiles.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The SDK's first-run banner and telemetry notice are noise in the captured output.
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var error = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new ProcessOutput(-1, $"{fileName} timed out after {timeout}");
        }

        return new ProcessOutput(process.ExitCode, await output + await error);
    }
}

/// <summary>A finished process: exit code and its combined output.</summary>
public sealed record ProcessOutput(int ExitCode, string Output);
