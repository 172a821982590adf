using System.CommandLine;
using CiSecrets.Scanning.Suppression;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets baseline create [PATH]</c>: records every current finding as accepted, keyed on
/// rule and a keyed hash of the secret, so that <c>scan --baseline FILE</c> reports only new ones.
/// <c>cisecrets baseline migrate [PATH]</c> rewrites a version 1 baseline (key inside) as version 2 (key outside).
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

        var create = new Command("create", $"Scan and record every current finding in a baseline file. Its key comes from {BaselineKey.Variable} or {BaselineKey.FileName} (made, 0600 and gitignored, when neither exists).")
        {
            path, output, noGit, config,
        };
        create.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new ScanOptions(parsed.GetValue(path)!, NoGit: parsed.GetValue(noGit), Config: parsed.GetValue(config), NoProgress: true);
            var (result, _) = await ScanCommand.ScanAsync(options, environment, console, cancellationToken);
            var file = Path.GetFullPath(parsed.GetValue(output)!, environment.CurrentDirectory);
            var (key, created) = await BaselineKeys.FindOrCreateAsync(environment, result.Root, cancellationToken);
            var baseline = Baseline.Create(result.Leaks, key);
            await baseline.SaveAsync(file, cancellationToken);
            await console.Out.WriteLineAsync($"Baseline written to {PrintedText.Escape(file)}: {baseline.Entries.Count} entries from {result.Findings.Count} findings.");
            await ReportKeyAsync(console, created);
            return (int)ExitCode.Clean;
        });

        var baselineFile = new Option<string>("--baseline", "-b") { Description = "The version 1 baseline file to rewrite in place.", DefaultValueFactory = _ => DefaultFile };
        var migrate = new Command("migrate", "Rewrite a version 1 baseline (its key stored inside) as version 2, keyed like 'create', by rescanning: each old entry is kept through the finding it matches.")
        {
            path, baselineFile, noGit, config,
        };
        migrate.SetAction(async (parsed, cancellationToken) =>
        {
            var file = Path.GetFullPath(parsed.GetValue(baselineFile)!, environment.CurrentDirectory);
            var options = new ScanOptions(parsed.GetValue(path)!, NoGit: parsed.GetValue(noGit), Config: parsed.GetValue(config), NoProgress: true);
            var (result, _) = await ScanCommand.ScanAsync(options, environment, console, cancellationToken);
            var (key, created) = await BaselineKeys.FindOrCreateAsync(environment, result.Root, cancellationToken);
            var (baseline, dropped) = await Baseline.MigrateAsync(file, result.Leaks, key, cancellationToken);
            await baseline.SaveAsync(file, cancellationToken);
            await console.Out.WriteLineAsync($"Baseline {PrintedText.Escape(file)} migrated to version {Baseline.FormatVersion}: {baseline.Entries.Count} entries kept, {dropped} that match no current finding dropped; the key is no longer in the file.");
            await ReportKeyAsync(console, created);
            await console.Out.WriteLineAsync("The old file stays readable in git history: rotate any real credential it covered.");
            return (int)ExitCode.Clean;
        });

        return new Command("baseline", "Manage the baseline of accepted findings.") { create, migrate };
    }

    private static async Task ReportKeyAsync(CliConsole console, string? created)
    {
        if (created is not null)
        {
            await console.Out.WriteLineAsync(PrintedText.Escape(created));
        }
    }
}
