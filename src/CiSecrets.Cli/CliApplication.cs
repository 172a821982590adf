using System.CommandLine;
using CiSecrets.Cli.Commands;

namespace CiSecrets.Cli;

/// <summary>
/// The <c>cisecrets</c> command tree. Every failure becomes an exit code: 0 clean, 1 findings or
/// a failed check, 2 bad usage or bad input with one line on standard error naming the file
/// and the problem (never a stack trace, never a secret).
/// </summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, IEnvironment environment, CliConsole console, CancellationToken cancellationToken)
    {
        var root = new RootCommand("CiSecrets: keeps secrets out of git history and keeps SOPS-encrypted secrets valid and fresh.")
        {
            ScanCommand.Create(environment, console),
            BaselineCommand.Create(environment, console),
            SopsCommand.Create(environment, console),
            GateCommand.Create(environment, console),
            StatusCommand.Create(environment, console),
            InitCommand.Create(environment, console),
            HistoryCommand.Create(environment, console),
            KubernetesCommand.Create(environment, console),
            RotateCommand.Create(environment, console),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync($"cisecrets: {PrintedText.Escape(error.Message)}");
            }

            await console.Error.WriteLineAsync("Run 'cisecrets --help' for usage.");
            return (int)ExitCode.UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (InputException e)
        {
            await console.Error.WriteLineAsync($"cisecrets: {PrintedText.Escape(e.Message)}");
            return (int)ExitCode.UsageError;
        }
        catch (CiSecrets.Sops.SopsException e)
        {
            // Already one line naming the file (and the key path), never a value.
            await console.Error.WriteLineAsync($"cisecrets: {PrintedText.Escape(e.Message)}");
            return (int)ExitCode.UsageError;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("cisecrets: cancelled");
            return (int)ExitCode.UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"cisecrets: {PrintedText.Escape(e.Message)}");
            return (int)ExitCode.UsageError;
        }
        catch (Exception e)
        {
            // Never a stack trace: one line, with the type so a bug report can still be acted on.
            await console.Error.WriteLineAsync($"cisecrets: unexpected error ({e.GetType().Name}): {PrintedText.Escape(e.Message)}");
            return (int)ExitCode.UsageError;
        }
    }
}
