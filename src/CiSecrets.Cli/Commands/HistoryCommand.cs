using System.CommandLine;
using CiSecrets.Gates;
using CiSecrets.Inventory;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets history plan</c>: scans the whole history, searches it for the inventory's current
/// values, and prints, never runs, the rewrite that would remove both.
/// </summary>
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
            var (hits, notSearched) = LiveValues(result.Root, parsed.GetValue(config), environment, cancellationToken);
            var rewrite = HistoryRewritePlan.Build(result.Root, result.Findings, hits) with { LiveValuesNotSearched = notSearched };
            await console.Out.WriteAsync(rewrite.Render());
            return (int)(rewrite.Rotate.Count > 0 || rewrite.LiveValues.Count > 0 ? ExitCode.PolicyFailure : ExitCode.Clean);
        });
        return new Command("history", "Plans for leaks already in git history.") { plan };
    }

    /// <summary>
    /// The inventory's current values found in history (what the live-values-in-history check reports),
    /// or why they were not searched: no inventory is not an error here, the scan alone still plans.
    /// </summary>
    private static (IReadOnlyList<LiveValueHit> Hits, string? NotSearched) LiveValues(string root, string? configPath, IEnvironment environment, CancellationToken cancellationToken)
    {
        var inventory = configPath is not null
            ? SecretsInventory.Load(Path.GetFullPath(configPath, environment.CurrentDirectory))
            : SecretsInventory.Find(root);
        if (inventory is null)
        {
            return ([], null);
        }

        var context = new GateContext(root, inventory, environment, AgeIdentities.Load(environment), environment.Clock.GetUtcNow());
        var (values, reason) = context.Values;
        return values is null ? ([], reason) : (LiveValueSearch.Search(root, values.Secrets, cancellationToken), null);
    }
}
