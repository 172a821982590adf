using System.CommandLine;
using CiSecrets.Scanning.Suppression;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets baseline create [PATH]</c>: records every current finding as accepted, keyed on
/// rule and a keyed hash of the secret, so that <c>scan --baseline FILE</c> reports only new ones.
/// </summary>
internal static class BaselineCommand
{
    public const string DefaultFile = ".cisecrets-baseline.json";

    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "Repository or folder to scan.", DefaultValueFactory = _ => "." };
        var output = new Option<string>("--output", "-o") { Description = "Baseline file to write.", DefaultValueFactory = _ => DefaultFile };
        var noGit = new Option<bool>("--no-git") { Description = "Scan files on disk instead of git history." };
        var config = CommonOptions.Config();

        var create = new Command("create", "Scan and record every current finding in a baseline file.") { path, output, noGit, config };
        create.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new ScanOptions(parsed.GetValue(path)!, NoGit: parsed.GetValue(noGit), Config: parsed.GetValue(config), NoProgress: true);
            var (result, _) = await ScanCommand.ScanAsync(options, environment, console, cancellationToken);
            var file = Path.GetFullPath(parsed.GetValue(output)!, environment.CurrentDirectory);
            var baseline = Baseline.Create(result.Leaks);
            await baseline.SaveAsync(file, cancellationToken);
            await console.Out.WriteLineAsync($"Baseline written to {PrintedText.Escape(file)}: {baseline.Entries.Count} entries from {result.Findings.Count} findings.");
            return (int)ExitCode.Clean;
        });

        return new Command("baseline", "Manage the baseline of accepted findings.") { create };
    }
}
