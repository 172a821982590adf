using System.CommandLine;
using CiSecrets.Gates;

namespace CiSecrets.Cli.Commands;

/// <summary><c>cisecrets history plan</c>: scans the whole history and prints, never runs, the rewrite that would remove its leaks.</summary>
internal static class HistoryCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var path = new Option<string>("--path", "-p") { Description = "Repository whose history to plan for.", DefaultValueFactory = _ => "." };
        var config = CommonOptions.Config();
        var plan = new Command("plan", "Print (never run) the git filter-repo commands that would remove leaked credentials from history, and the credentials to rotate first.")
        {
            path, config,
        };
        plan.SetAction(async (parsed, cancellationToken) =>
        {
            var (result, _) = await ScanCommand.ScanAsync(new ScanOptions(parsed.GetValue(path)!, Config: parsed.GetValue(config), NoProgress: true), environment, console, cancellationToken);
            var rewrite = HistoryRewritePlan.Build(result.Root, result.Findings);
            await console.Out.WriteAsync(rewrite.Render());
            return (int)(rewrite.Rotate.Count > 0 ? ExitCode.PolicyFailure : ExitCode.Clean);
        });
        return new Command("history", "Plans for leaks already in git history.") { plan };
    }
}
