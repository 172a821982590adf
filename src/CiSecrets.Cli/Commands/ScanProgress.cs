using CiSecrets.Scanning.Sources;
using Spectre.Console;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// Shows commits and megabytes done on a terminal during a long scan; silent when output is
/// redirected or in CI, where a redrawn status line would only litter the log.
/// </summary>
internal static class ScanProgress
{
    public static async Task<T> RunAsync<T>(Func<T> work, ScanCounters counters, CliConsole console, bool enabled, CancellationToken cancellationToken)
    {
        var task = Task.Run(work, cancellationToken);
        if (!enabled)
        {
            return await task;
        }

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        await terminal.Status().StartAsync("Scanning", async context =>
        {
            while (!task.IsCompleted)
            {
                var total = counters.CommitsTotal > 0 ? $"/{counters.CommitsTotal}" : "";
                context.Status($"Scanning: {counters.Commits}{total} commits, {counters.Blobs} files, {counters.Bytes / 1048576} MB");
                await Task.WhenAny(task, Task.Delay(250, cancellationToken));
            }
        });
        return await task;
    }
}
